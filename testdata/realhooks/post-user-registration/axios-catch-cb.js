// Imitates: a CRM sync hook: axios.post with the user id, then cb() on
// success and the callback passed as the rejection handler.
const axios = require('axios');

module.exports = function (user, context, cb) {
  axios.post(context.webtask.secrets.CRM_WEBHOOK, {
    user_id: 'auth0|' + user.id,
    email: user.email,
    metadata: user.user_metadata,
  }, { headers: { 'x-api-key': context.webtask.secrets.CRM_KEY } })
    .then(() => cb())
    .catch(cb);
};
