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

module.exports = function (recipient, text, context, cb) {
  const client = makeClient(context.webtask.secrets);
  client.messages
    .create({
      body: text,
      to: recipient,
      from: fromNumber(context.webtask.secrets),
      statusCallback: statusCallback(context),
    })
    .then((m) => cb(null, { MessageID: m.sid }))
    .catch((err) => cb(err));
};
