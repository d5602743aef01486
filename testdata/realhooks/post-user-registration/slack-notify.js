// Imitates: the Auth0 docs Post User Registration sample that posts to a
// Slack channel with the slack-notify module and calls back at once.
module.exports = function (user, context, cb) {
  // Read more about incoming webhooks at https://api.slack.com/incoming-webhooks
  var SLACK_HOOK = context.webtask.secrets.SLACK_HOOK_URL;
  var slack = require('slack-notify')(SLACK_HOOK);
  var message = 'New User: ' + (user.email || user.id) + ' (' + user.email + ')';
  var channel = '#some_channel';
  slack.success({ text: message, channel: channel });
  // Post-user-registration hooks are executed asynchronously, so you can just call the callback.
  cb();
};
