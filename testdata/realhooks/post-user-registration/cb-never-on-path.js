// Adversarial: the callback is called only when the user has an email;
// a phone-only sign-up leaves the hook hanging until the webtask times out.
const axios = require('axios');

module.exports = function (user, context, cb) {
  if (!user.email) {
    console.log('no email for', user.id);
    return;
  }
  axios.post(context.webtask.secrets.NOTIFY_URL, { email: user.email })
    .then(() => cb())
    .catch((e) => cb(e));
};
