// Imitates: a hook that caches the secrets and an HTTP client at module
// scope on the first run (webtasks reused the module between runs), read
// through the cache in later runs.
const axios = require('axios');
let client = null;
let secrets = null;

function api() {
  if (!client) {
    client = axios.create({ baseURL: secrets.PWD_API_URL, headers: { 'x-api-key': secrets.PWD_API_KEY } });
  }
  return client;
}

module.exports = function (user, context, callback) {
  secrets = secrets || context.webtask.secrets;
  api().post('/changed', { email: user.email })
    .then(function () { callback(); })
    .catch(function (err) { callback(err); });
};
