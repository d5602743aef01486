// false friends: a module-level function reading an unrelated global `context` that
// is never given the hook's context, and a helper whose parameter is named context
// but which is only called with something else.
function fromGlobal() {
  return context.webtask.secrets.GLOBAL_ONLY;
}

function describe(context) {
  return context.webtask.secrets.PARAM_NAMED_CONTEXT;
}

module.exports = function (user, context, cb) {
  const label = describe({ webtask: { secrets: { PARAM_NAMED_CONTEXT: user.email } } });
  const real = context.webtask.secrets.REAL_KEY; // want REAL_KEY:member
  cb(null, { user: { user_metadata: { label, real: Boolean(real) } } });
};
