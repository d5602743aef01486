// Imitates: a hook posting to an SMS gateway with node-fetch and a
// URLSearchParams body, the API key in a header, the language taken from
// context.language and the user's id from context.user.
const fetch = require('node-fetch');

module.exports = function (recipient, text, context, cb) {
  const { SMS_GATEWAY_URL: url, SMS_API_KEY: key } = context.webtask.secrets;
  const form = new URLSearchParams();
  form.append('to', recipient);
  form.append('body', text);
  form.append('lang', context.language || 'en');
  form.append('ref', context.user && context.user.user_id);
  fetch(url, { method: 'POST', body: form, headers: { 'X-Api-Key': key } })
    .then(function (res) { return res.json(); })
    .then(function (body) { cb(null, { MessageID: body.id }); })
    .catch(cb);
};
