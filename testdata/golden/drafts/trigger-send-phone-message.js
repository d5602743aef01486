// trigger send-phone-message: four parameters (recipient, text, context, cb); the
// context is the third. context.code, context.client and context.user are not secrets.
const twilio = require('twilio');

function voiceText(ctx) {
  return `Your code is ${String(ctx.code).split('').join(', ')}`;
}

exports.onExecuteSendPhoneMessage = async (event, api) => {
  // The hook's context, rebuilt from the event with the fields the hook had: the code below uses it whole.
  let context = {
    message_type: event.message_options.message_type,
    action: event.message_options.action,
    language: event.request?.language,
    code: event.message_options.code,
    ip: event.request?.ip,
    user_agent: event.request?.user_agent,
    client: {
      client_id: event.client?.client_id,
      name: event.client?.name,
      client_metadata: event.client?.metadata,
    },
    user: {
      name: event.user?.name,
      user_id: event.user?.user_id,
      email: event.user?.email,
      app_metadata: event.user?.app_metadata,
      user_metadata: event.user?.user_metadata,
    },
    webtask: {
      secrets: event.secrets,
    },
  };

  const secrets = event.secrets;
  const sid = secrets.TWILIO_ACCOUNT_SID; // want TWILIO_ACCOUNT_SID:alias
  const token = event.secrets.TWILIO_AUTH_TOKEN; // want TWILIO_AUTH_TOKEN:member
  const from = secrets['TWILIO_FROM_NUMBER']; // want TWILIO_FROM_NUMBER:bracket

  const body = context.message_type === 'voice' ? voiceText(context) : event.message_options.text;
  const client = twilio(sid, token);

  await client.messages
    .create({ body, from, to: event.message_options.recipient })
    .then((m) => undefined)
    .catch((err) => {
      console.log('sms to ' + context.user.user_id + ' for ' + context.client.name + ' failed: ' + err.message);
      // hooks2actions: an error of this hook only failed its own run (the response is ignored): throwing from the Action does the same, as the hook did
      throw err;
    });
};
