// Imitates: a Dgraph sample: get a client-credentials token from Auth0 with
// secrets, then add the user (by user.id) through a GraphQL mutation; nested
// request callbacks.
const request = require('request');

module.exports = function (user, context, cb) {
  const s = context.webtask.secrets;
  const tokenOptions = {
    method: 'POST',
    url: 'https://' + s.AUTH0_DOMAIN + '/oauth/token',
    json: { grant_type: 'client_credentials', client_id: s.M2M_CLIENT_ID, client_secret: s.M2M_CLIENT_SECRET, audience: s.DGRAPH_AUDIENCE },
  };
  request(tokenOptions, function (error, response, body) {
    if (error) return cb(error);
    const add = {
      method: 'POST',
      url: s.DGRAPH_ENDPOINT,
      headers: { 'X-Auth-Token': body.access_token },
      json: { query: 'mutation($u: AddUserInput!) { addUser(input: [$u]) { numUids } }', variables: { u: { username: user.id, email: user.email } } },
    };
    request(add, function (err) {
      if (err) return cb(err);
      cb();
    });
  });
};
