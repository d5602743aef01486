// pre-user-registration
module.exports = function (user, context, cb) {
  if (!user.email) return cb('an email is required');
  if (/@(mailinator|guerrillamail)\./i.test(user.email)) return cb(new Error('disposable email'));
  cb(null, { user: { app_metadata: { checked: true } } });
};
