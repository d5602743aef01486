module.exports = function (user, context, cb) {
  const { SLACK_WEBHOOK_URL } = context.webtask.secrets;
  console.log('new user ' + user.id + ', notifying ' + (SLACK_WEBHOOK_URL ? 'slack' : 'nobody'));
  cb();
};
