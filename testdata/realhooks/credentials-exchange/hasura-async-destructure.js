// Imitates: an async arrow hook from a Hasura starter: secrets destructured
// from context.webtask.secrets, request.post promisified with util, a
// GraphQL call whose answer becomes claims, any failure sent to cb.
module.exports = async (client, scope, audience, context, cb) => {
  const accessToken = { scope };
  const { HASURA_GRAPHQL_ENDPOINT, HASURA_GRAPHQL_ADMIN_SECRET } = context.webtask.secrets;
  const util = require('util');
  const request = require('request');
  const post = util.promisify(request.post);
  const query = 'query($id: String!) { clients_by_pk(id: $id) { role } }';
  try {
    const res = await post({
      url: `${HASURA_GRAPHQL_ENDPOINT}/v1/graphql`,
      headers: { 'X-Hasura-Admin-Secret': HASURA_GRAPHQL_ADMIN_SECRET },
      json: { query, variables: { id: client.id } },
    });
    if (res.statusCode !== 200) {
      return cb(new ServerError('hasura answered ' + res.statusCode));
    }
    accessToken['https://hasura.io/jwt/claims'] = {
      'x-hasura-default-role': 'service',
      'x-hasura-allowed-roles': ['service'],
      'x-hasura-client-id': client.id,
    };
    cb(null, accessToken);
  } catch (e) {
    cb(e);
  }
};
