module.exports = function (user, context, cb) {
  const allowed = (context.webtask.secrets.ALLOWED_DOMAINS || '').split(',');
  if (!allowed.includes(user.email.split('@')[1])) {
    return cb(new PreUserRegistrationError('domain not allowed', 'Please use your work email.'));
  }
  cb(null, { user: {} });
};
