// Imitates: a hook calling an internal entitlements service with the
// request module and a node-style callback, secrets read through an alias
// of context.webtask.secrets, errors handed straight to cb.
const request = require('request');

module.exports = function (client, scope, audience, context, cb) {
  const secrets = context.webtask.secrets;
  const options = {
    method: 'GET',
    url: secrets.ENTITLEMENTS_URL + '/clients/' + encodeURIComponent(client.id),
    headers: { 'x-api-key': secrets.ENTITLEMENTS_API_KEY },
    json: true,
  };
  request(options, function (err, response, body) {
    if (err) return cb(err);
    if (response.statusCode === 404) {
      return cb(new InvalidRequestError('client not entitled'));
    }
    const token = { scope: scope };
    token['https://example.com/entitlements'] = body;
    cb(null, token);
  });
};
