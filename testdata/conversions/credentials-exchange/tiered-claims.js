/**
 * Client Credentials Exchange: tiered M2M claims.
 *
 * Looks the client's tier up in the billing service and puts it in the token.
 * The claim namespace is a Deploy CLI keyword, replaced per environment.
 */
const axios = require('axios@0.27.2');

const CLAIM_NAMESPACE = '@@CLAIM_NAMESPACE@@';

module.exports = function (client, scope, audience, context, cb) {
  const access_token = {};
  access_token.scope = scope;

  if (!client.metadata || !client.metadata.billing_id) {
    return cb(new InvalidRequestError('client ' + client.name + ' has no billing id'));
  }
  if (audience !== context.webtask.secrets.BILLING_AUDIENCE) {
    return cb(new InvalidScopeError('billing claims are only issued for the billing API'));
  }

  axios
    .get(context.webtask.secrets.BILLING_URL + '/tiers/' + encodeURIComponent(client.metadata.billing_id), {
      headers: { 'x-api-key': context.webtask.secrets.BILLING_API_KEY },
    })
    .then((res) => {
      access_token[CLAIM_NAMESPACE + 'tier'] = res.data.tier;
      access_token['https://billing.acme.example/client'] = client.id;
      cb(null, access_token);
    })
    .catch(cb);
};
