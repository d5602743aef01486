// helper: a helper invoked through .call(null, secrets), a function IIFE and an
// arrow IIFE passed the secrets or context.webtask.
exports.onExecutePostUserRegistration = async (event, api) => {
  function readFlags(s) {
    return { beta: s.BETA_FLAG === 'on' }; // want BETA_FLAG:helper
  }
  const flags = readFlags.call(null, event.secrets);

  const endpoint = (function (s) {
    return s.IIFE_ENDPOINT; // want IIFE_ENDPOINT:helper
  })(event.secrets);

  const region = ((wt) => wt.secrets.ARROW_IIFE_REGION)(event); // want ARROW_IIFE_REGION:helper

  return;
};
