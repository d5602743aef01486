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
  const secrets = event.secrets;
  // const old = context.webtask.secrets.LEGACY_KEY;
  const client = twilio(secrets.TWILIO_ACCOUNT_SID, secrets.TWILIO_AUTH_TOKEN);

  await client.messages
    .create({
      body: formatBody(event.message_options.text, event),
      from: secrets.TWILIO_FROM_NUMBER,
      to: event.message_options.recipient,
    })
    .then((message) => undefined)
    .catch((err) => {
      console.log('twilio error ' + err.code + ' for ' + (event.client && event.client.name));
      console.log('sender is configured in TWILIO_FROM_NUMBER, not context.webtask.secrets.NOT_A_READ');
      throw err;
    });
};
