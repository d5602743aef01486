/**
 * Send Phone Message
 *
 * Delivers MFA and passwordless SMS through our own Twilio account instead of
 * Auth0's built-in provider, so that messages come from our short code.
 */
const twilio = require('twilio');

function formatBody(text, context) {
  // Voice calls read the code out; SMS get Auth0's rendered text as-is.
  if (context.message_type === 'voice') {
    return `Your verification code is ${String(context.code).split('').join(' ')}`;
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

  const secrets = event.secrets;
  // const old = context.webtask.secrets.LEGACY_KEY;
  const client = twilio(secrets.TWILIO_ACCOUNT_SID, secrets.TWILIO_AUTH_TOKEN);

  await client.messages
    .create({
      body: formatBody(event.message_options.text, context),
      from: secrets.TWILIO_FROM_NUMBER,
      to: event.message_options.recipient,
    })
    .then((message) => undefined)
    .catch((err) => {
      console.log('twilio error ' + err.code + ' for ' + (context.client && context.client.name));
      console.log('sender is configured in TWILIO_FROM_NUMBER, not context.webtask.secrets.NOT_A_READ');
      // hooks2actions: an error of this hook only failed its own run (the response is ignored): throwing from the Action does the same, as the hook did
      throw err;
    });
};
