// Imitates: a session-revocation hook: a Management API call with a token
// kept as a secret, by user id, via node-fetch; the callback is the
// second argument of then().
const fetch = require('node-fetch');

module.exports = function (user, context, cb) {
  const domain = context.webtask.secrets.AUTH0_DOMAIN;
  fetch('https://' + domain + '/api/v2/users/' + encodeURIComponent('auth0|' + user.id) + '/multifactor/actions/invalidate-remember-browser', {
    method: 'POST',
    headers: { Authorization: 'Bearer ' + context.webtask.secrets.MGMT_TOKEN },
  })
    .then(function (res) {
      if (!res.ok) throw new Error('invalidate failed: ' + res.status);
    })
    .then(function () { cb(); }, cb);
};
