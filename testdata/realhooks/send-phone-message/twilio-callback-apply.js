// Imitates: the twilio helper library with its node-style callback, the
// account credentials from secrets, and the hook's callback invoked
// through a small `respond` function that picks the response shape.
const twilio = require('twilio');

module.exports = function (recipient, text, context, cb) {
  const { TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM } = context.webtask.secrets;
  const client = twilio(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN);
  function respond(err, message) {
    if (err) return cb(err);
    return cb(null, { MessageID: message.sid });
  }
  client.messages.create({ to: recipient, from: TWILIO_FROM, body: text }, respond);
};
