// trigger send-phone-message: four parameters (recipient, text, context, cb); the
// context is the third. context.code, context.client and context.user are not secrets.
const twilio = require('twilio');

function voiceText(ctx) {
  return `Your code is ${String(ctx.code).split('').join(', ')}`;
}

exports.onExecuteSendPhoneMessage = async (event, api) => {
  const secrets = event.secrets;
  const sid = secrets.TWILIO_ACCOUNT_SID; // want TWILIO_ACCOUNT_SID:alias
  const token = event.secrets.TWILIO_AUTH_TOKEN; // want TWILIO_AUTH_TOKEN:member
  const from = secrets['TWILIO_FROM_NUMBER']; // want TWILIO_FROM_NUMBER:bracket

  const body = event.message_options.message_type === 'voice' ? voiceText(event) : event.message_options.text;
  const client = twilio(sid, token);

  await client.messages
    .create({ body, from, to: event.message_options.recipient })
    .then((m) => undefined)
    .catch((err) => {
      console.log('sms to ' + event.user.user_id + ' for ' + event.client.name + ' failed: ' + err.message);
      throw err;
    });
};
