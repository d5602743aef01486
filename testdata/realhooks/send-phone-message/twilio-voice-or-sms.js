// Imitates: MFA hooks that place a voice call when context.message_type is
// "voice" (TwiML reading the code) and text otherwise.
const twilio = require('twilio');

module.exports = function (recipient, text, context, cb) {
  const { TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM } = context.webtask.secrets;
  const client = twilio(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN);
  let sending;
  if (context.message_type === 'voice') {
    const digits = context.code.split('').join(', ');
    sending = client.calls.create({
      twiml: '<Response><Say>Your code is ' + digits + '</Say></Response>',
      to: recipient,
      from: TWILIO_FROM,
    });
  } else {
    sending = client.messages.create({ body: text, to: recipient, from: TWILIO_FROM });
  }
  sending.then((msg) => cb(null, { MessageID: msg.sid })).catch(cb);
};
