// Imitates: an ES5-era hook that keeps `var self = this`, loads tenant
// settings from an internal API with a promise chain of `function`
// callbacks, and reads its secrets inside those nested callbacks.
var axios = require('axios');

module.exports = function (client, scope, audience, context, cb) {
  var self = this;
  var token = { scope: scope };
  self.started = Date.now();
  axios.get(context.webtask.secrets.SETTINGS_URL + '/tenants/' + client.tenant, {
    headers: { Authorization: 'Bearer ' + context.webtask.secrets.SETTINGS_TOKEN }
  })
    .then(function (res) {
      token['https://api.example.com/plan'] = (res.data && res.data.plan) || 'free';
      return token;
    })
    .then(function (t) {
      cb(null, t);
    })
    .catch(function (err) {
      cb(err);
    });
};
