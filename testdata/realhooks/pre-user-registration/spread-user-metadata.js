// Imitates: hooks that merge new keys into the sign-up's user_metadata with
// object spread and return a shorthand { user } response.
module.exports = function (user, context, cb) {
  user.user_metadata = {
    ...user.user_metadata,
    signup_language: context.requestLanguage || 'en',
    signup_connection: context.connection.name,
  };
  user.app_metadata = { ...(user.app_metadata || {}), tenant: context.connection.tenant };
  cb(null, { user });
};
