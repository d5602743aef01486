module.exports = function (user, context, cb) {
  console.log('password changed for ' + user.id + ' in ' + context.webtask.secrets.AUDIT_ENVIRONMENT);
  cb();
};
