// Adversarial: the callback is called, then the code goes on and throws
// (a typo'd helper after cb); and a second cb call on one path. Hooks keep
// the first answer; a draft must keep the same one.
module.exports = function (user, context, cb) {
  const response = { user: { user_metadata: { source: 'hook' } } };
  if (user.username && user.username.length < 3) {
    cb(new PreUserRegistrationError('short username', 'Username too short'));
  }
  cb(null, response);
  if (user.email && user.email.indexOf('+') !== -1) {
    notDefinedAuditHelper(user.email);
  }
};
