// helper: a helper invoked through .call(null, secrets), a function IIFE and an
// arrow IIFE passed the secrets or context.webtask.
module.exports = function (user, context, cb) {
  function readFlags(s) {
    return { beta: s.BETA_FLAG === 'on' }; // want BETA_FLAG:helper
  }
  const flags = readFlags.call(null, context.webtask.secrets);

  const endpoint = (function (s) {
    return s.IIFE_ENDPOINT; // want IIFE_ENDPOINT:helper
  })(context.webtask.secrets);

  const region = ((wt) => wt.secrets.ARROW_IIFE_REGION)(context.webtask); // want ARROW_IIFE_REGION:helper

  cb(null, { user: { user_metadata: { beta: flags.beta, endpoint_set: Boolean(endpoint), region } } });
};
