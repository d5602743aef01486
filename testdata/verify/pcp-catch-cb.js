// post-change-password
const axios = require('axios');
module.exports = function (user, context, cb) {
  axios.post(context.webtask.secrets.AUDIT_URL + '/users/' + user.id + '/password-changed', { email: user.email })
    .then(() => cb())
    .catch(cb);
};
