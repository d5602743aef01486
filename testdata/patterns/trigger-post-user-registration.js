// trigger post-user-registration: three parameters, written as a const async arrow
// function that is exported afterwards with module.exports = hook.
const axios = require('axios@0.21.1');

const hook = async (user, context, cb) => {
  const secrets = context.webtask.secrets;
  const webhook = secrets.SLACK_WEBHOOK_URL; // want SLACK_WEBHOOK_URL:alias
  const channel = context.webtask.secrets.SLACK_CHANNEL || '#signups'; // want SLACK_CHANNEL:member

  try {
    await axios.post(webhook, { channel, text: `New user ${user.email} via ${context.connection.name}` });
  } catch (err) {
    console.log('slack failed: ' + err.message);
  }
  cb();
};

module.exports = hook;
