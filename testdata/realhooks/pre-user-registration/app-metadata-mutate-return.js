// Imitates: the pre-user-registration starter pattern where the user object
// is mutated (app_metadata and user_metadata created when absent) and then
// passed back whole in the response, plus a reassignment of `user` first.
module.exports = function (user, context, cb) {
  var response = {};
  user.app_metadata = user.app_metadata || {};
  user.user_metadata = user.user_metadata || {};
  user.app_metadata.signup_connection = context.connection.name;
  user.app_metadata.roles = ['member'];
  if (context.requestLanguage) {
    user.user_metadata.locale = context.requestLanguage;
  }
  response.user = user;
  cb(null, response);
};
