// pre-user-registration
module.exports = function (user, context, cb) {
  const response = {};
  response.user = user;
  user.user_metadata = user.user_metadata || {};
  user.user_metadata.signup_language = context.requestLanguage || 'en';
  response.user.app_metadata = {};
  response.user.app_metadata.plan = user.email.endsWith('@partner.example') ? 'partner' : 'free';
  cb(null, response);
};
