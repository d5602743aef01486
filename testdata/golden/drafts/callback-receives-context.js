// The hook's own callback given the context, as in an Auth0 docs sample: the
// callback is the platform's, so the context does not escape. The secrets
// object itself given to it still does: it could end up in a response.
exports.onExecutePostUserRegistration = async (event, api) => {
  const plan = event.secrets.PLAN_NAME; // want PLAN_NAME:member
  if (!plan) {
    return; // want !secrets-object-escape
  }
  event.user.app_metadata = { plan };
  return;
};
