// The hook's own callback given the context, as in an Auth0 docs sample: the
// callback is the platform's, so the context does not escape. The secrets
// object itself given to it still does: it could end up in a response.
module.exports = function (user, context, callback) {
  const plan = context.webtask.secrets.PLAN_NAME; // want PLAN_NAME:member
  if (!plan) {
    return callback(null, context.webtask.secrets); // want !secrets-object-escape
  }
  user.app_metadata = { plan };
  callback(null, user, context);
};
