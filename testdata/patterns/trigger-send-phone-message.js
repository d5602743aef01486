// trigger send-phone-message: four parameters (recipient, text, context, cb); the
// context is the third. context.code, context.client and context.user are not secrets.
const twilio = require('twilio@3.54.0');

function voiceText(ctx) {
  return `Your code is ${String(ctx.code).split('').join(', ')}`;
}

module.exports = function (recipient, text, context, cb) {
  const secrets = context.webtask.secrets;
  const sid = secrets.TWILIO_ACCOUNT_SID; // want TWILIO_ACCOUNT_SID:alias
  const token = context.webtask.secrets.TWILIO_AUTH_TOKEN; // want TWILIO_AUTH_TOKEN:member
  const from = secrets['TWILIO_FROM_NUMBER']; // want TWILIO_FROM_NUMBER:bracket

  const body = context.message_type === 'voice' ? voiceText(context) : text;
  const client = twilio(sid, token);

  client.messages
    .create({ body, from, to: recipient })
    .then((m) => cb(null, { MessageID: m.sid }))
    .catch((err) => {
      console.log('sms to ' + context.user.user_id + ' for ' + context.client.name + ' failed: ' + err.message);
      cb(err);
    });
};
