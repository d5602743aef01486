// Imitates: hooks that keep the claim-setting in a helper which mutates the
// token object it is given; the callback is named callback, as in many
// hand-written hooks.
const NS = 'https://api.example.com';
function addClaims(token, client) {
  token[`${NS}/org`] = client.metadata.org_id;
  token[NS + '/name'] = client.name;
}
module.exports = (client, scope, audience, context, callback) => {
  const access_token = { scope };
  addClaims(access_token, client);
  return callback(null, access_token);
};
