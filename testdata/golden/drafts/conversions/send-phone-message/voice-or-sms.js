/**
 * Send Phone Message: voice calls read the code, SMS carry the text.
 */
const twilio = require('twilio');

function messageFor(text, context) {
  if (context.message_type === 'voice') {
    return 'Your code is ' + String(context.code).split('').join(', ');
  }
  return text;
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

  const { TWILIO_SID, TWILIO_TOKEN, TWILIO_FROM } = event.secrets;
  const client = twilio(TWILIO_SID, TWILIO_TOKEN);
  await client.messages
    .create({ to: event.message_options.recipient, from: TWILIO_FROM, body: messageFor(event.message_options.text, context) })
    .then((message) => undefined)
    // hooks2actions: an error of this hook only failed its own run (the response is ignored): throwing from the Action does the same, as the hook did
    .catch((err) => (() => { throw err; })());
};
