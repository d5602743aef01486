// Imitates: a sign-up audit hook that builds a local object named event and
// posts it, then returns metadata; the promise's catch hands errors to cb.
const axios = require('axios');

module.exports = function (user, context, cb) {
  const event = { type: 'signup', email: user.email, connection: context.connection.name };
  const api = context.webtask.secrets.AUDIT_URL;
  axios.post(api + '/events', event)
    .then(function (res) {
      cb(null, { user: { app_metadata: { audit_id: res.data.id || 'none' } } });
    })
    .catch(cb);
};
