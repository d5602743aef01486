// false friends: a module-level function reading an unrelated global `context` that
// is never given the hook's context, and a helper whose parameter is named context
// but which is only called with something else.
function fromGlobal() {
  return context.webtask.secrets.GLOBAL_ONLY;
}

function describe(context) {
  return context.webtask.secrets.PARAM_NAMED_CONTEXT;
}

exports.onExecutePostUserRegistration = async (event, api) => {
  const label = describe({ webtask: { secrets: { PARAM_NAMED_CONTEXT: event.user.email } } });
  const real = event.secrets.REAL_KEY; // want REAL_KEY:member
  return;
};
