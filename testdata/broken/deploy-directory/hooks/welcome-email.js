module.exports = function (user, context, cb) {
  const { SENDGRID_API_KEY } = context.webtask.secrets;
  console.log('would send a welcome email to ' + user.email + ' with key ending ' + SENDGRID_API_KEY.slice(-4));
  cb();
};
