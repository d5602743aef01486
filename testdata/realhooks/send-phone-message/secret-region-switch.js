// Adversarial: which provider is called depends on a secret's value and on
// the recipient's country code; each branch reads different secrets.
const axios = require('axios');

module.exports = function (recipient, text, context, cb) {
  const s = context.webtask.secrets;
  const provider = recipient.indexOf('+1') === 0 ? s.US_PROVIDER : s.INTL_PROVIDER;
  if (provider === 'none') {
    return cb(new Error('no provider configured'));
  }
  const key = recipient.indexOf('+1') === 0 ? s.US_KEY : s.INTL_KEY;
  axios.post(provider, { to: recipient, text: text }, { headers: { authorization: key } })
    .then(function (r) { cb(null, { MessageID: r.data && r.data.sid }); })
    .catch(function (e) { cb(e); });
};
