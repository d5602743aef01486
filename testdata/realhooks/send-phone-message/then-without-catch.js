// Imitates: many phone-message hooks posting to a provider's REST API
// with axios and answering in a .then with no .catch: on an error answer
// the callback is never called and the rejection is left unhandled.
const axios = require('axios');

module.exports = function (recipient, text, context, cb) {
  axios.post(context.webtask.secrets.PROVIDER_URL + '/messages', {
    to: recipient,
    text: text,
    channel: context.message_type === 'voice' ? 'voice' : 'sms'
  }, { auth: { username: context.webtask.secrets.PROVIDER_USER, password: context.webtask.secrets.PROVIDER_PASSWORD } })
    .then(function (res) {
      cb(null, { MessageID: res.data.id });
    });
};
