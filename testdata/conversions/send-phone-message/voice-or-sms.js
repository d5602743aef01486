/**
 * Send Phone Message: voice calls read the code, SMS carry the text.
 */
const twilio = require('twilio@3.84.0');

function messageFor(text, context) {
  if (context.message_type === 'voice') {
    return 'Your code is ' + String(context.code).split('').join(', ');
  }
  return text;
}

module.exports = function (recipient, text, context, cb) {
  const { TWILIO_SID, TWILIO_TOKEN, TWILIO_FROM } = context.webtask.secrets;
  const client = twilio(TWILIO_SID, TWILIO_TOKEN);
  client.messages
    .create({ to: recipient, from: TWILIO_FROM, body: messageFor(text, context) })
    .then((message) => cb(null, { MessageID: message.sid }))
    .catch((err) => cb(err));
};
