// Imitates: hooks that rewrite the message per language and per client
// brand (client_metadata), from context.code, and send it to a gateway.
const axios = require('axios');

const TEMPLATES = {
  en: (brand, code) => `${brand}: your code is ${code}`,
  fr: (brand, code) => `${brand} : votre code est ${code}`,
};

module.exports = function (recipient, text, context, cb) {
  const brand = (context.client.client_metadata && context.client.client_metadata.brand) || context.client.name;
  const template = TEMPLATES[context.language] || TEMPLATES.en;
  const body = context.action === 'enrollment' ? text : template(brand, context.code);
  axios.post(context.webtask.secrets.GATEWAY_URL + '/sms', { to: recipient, body: body },
    { headers: { Authorization: 'Key ' + context.webtask.secrets.GATEWAY_KEY } })
    .then((res) => cb(null, { MessageID: res.data.id }))
    .catch((err) => cb(err));
};
