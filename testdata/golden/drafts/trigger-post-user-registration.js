// trigger post-user-registration: three parameters, written as a const async arrow
// function that is exported afterwards with module.exports = hook.
const axios = require('axios');

const hook = async (event, api) => {
  const secrets = event.secrets;
  const webhook = secrets.SLACK_WEBHOOK_URL; // want SLACK_WEBHOOK_URL:alias
  const channel = event.secrets.SLACK_CHANNEL || '#signups'; // want SLACK_CHANNEL:member

  try {
    await axios.post(webhook, { channel, text: `New user ${event.user.email} via ${event.connection.name}` });
  } catch (err) {
    console.log('slack failed: ' + err.message);
  }
  return;
};

exports.onExecutePostUserRegistration = hook;
