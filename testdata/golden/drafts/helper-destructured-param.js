// helper: helpers whose parameter is an object pattern, called with the secrets
// (or the context); each key in the pattern is a helper usage on its own line.
const twilio = require('twilio');

function makeClient({ TWILIO_SID, TWILIO_TOKEN }) { // want TWILIO_SID:helper TWILIO_TOKEN:helper
  return twilio(TWILIO_SID, TWILIO_TOKEN);
}

const fromNumber = ({
  TWILIO_FROM, // want TWILIO_FROM:helper
  TWILIO_FALLBACK_FROM: fallback = '+15550000000', // want TWILIO_FALLBACK_FROM:helper
}) => TWILIO_FROM || fallback;

function statusCallback({ secrets: { TWILIO_STATUS_URL } }) { // want TWILIO_STATUS_URL:helper
  return TWILIO_STATUS_URL;
}

exports.onExecuteSendPhoneMessage = async (event, api) => {
  const client = makeClient(event.secrets);
  await client.messages
    .create({
      body: event.message_options.text,
      to: event.message_options.recipient,
      from: fromNumber(event.secrets),
      statusCallback: statusCallback(event),
    })
    .then((m) => undefined)
    // hooks2actions: Actions do not use a callback: throw the error instead
    .catch((err) => cb(err));
};
