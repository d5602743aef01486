// Imitates: a hook that names its axios instance api (clashing with the
// Action's parameter) and reports the change to an internal service.
const axios = require('axios');

module.exports = function (user, context, cb) {
  const api = axios.create({
    baseURL: context.webtask.secrets.SECURITY_API_BASE,
    headers: { 'x-api-key': context.webtask.secrets.SECURITY_API_KEY },
  });
  api.post('/password-changes', { user_id: user.id, email: user.email, connection: context.connection.name })
    .then(() => cb())
    .catch((err) => cb(err));
};
