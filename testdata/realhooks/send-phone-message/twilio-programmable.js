// Imitates: the Auth0 docs guide "Configure a Custom SMS Provider for MFA
// using Twilio" (Programmable SMS): three secrets, messages.create, cb(err)
// on failure.
module.exports = function (recipient, text, context, cb) {
  const accountSid = context.webtask.secrets.TWILIO_ACCOUNT_SID;
  const authToken = context.webtask.secrets.TWILIO_AUTH_TOKEN;
  const fromNumber = context.webtask.secrets.TWILIO_PHONE_NUMBER;
  const client = require('twilio')(accountSid, authToken);
  client.messages
    .create({ body: text, to: recipient, from: fromNumber })
    .then(() => {
      cb(null, {});
    })
    .catch((err) => {
      cb(err);
    });
};
