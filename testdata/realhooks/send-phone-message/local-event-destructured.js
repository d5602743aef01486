// Imitates: a gateway hook with secrets destructured at once and a local
// object named event describing the send, posted with fetch.
const fetch = require('node-fetch');

module.exports = async function (recipient, text, context, cb) {
  const { SMS_API_KEY, SMS_API_URL } = context.webtask.secrets;
  const event = { kind: context.message_type, action: context.action, to: recipient, text };
  try {
    const res = await fetch(SMS_API_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': SMS_API_KEY },
      body: JSON.stringify(event),
    });
    const data = await res.json();
    return cb(null, { MessageID: data.id });
  } catch (e) {
    return cb(e);
  }
};
