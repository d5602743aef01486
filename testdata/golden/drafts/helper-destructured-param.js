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

function statusCallback({ webtask: { secrets: { TWILIO_STATUS_URL } } }) { // want TWILIO_STATUS_URL:helper
  return TWILIO_STATUS_URL;
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

  const client = makeClient(event.secrets);
  await client.messages
    .create({
      body: event.message_options.text,
      to: event.message_options.recipient,
      from: fromNumber(event.secrets),
      statusCallback: statusCallback(context),
    })
    .then((m) => undefined)
    // hooks2actions: an error of this hook only failed its own run (the response is ignored): throwing from the Action does the same, as the hook did
    .catch((err) => (() => { throw err; })());
};
