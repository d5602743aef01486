/**
 * Client Credentials Exchange: tiered M2M claims.
 *
 * Looks the client's tier up in the billing service and puts it in the token.
 * The claim namespace is a Deploy CLI keyword, replaced per environment.
 */
const axios = require('axios');

const CLAIM_NAMESPACE = '@@CLAIM_NAMESPACE@@';

// The hooks runtime's error classes, which this code still uses: Actions do not have them.
class InvalidScopeError extends Error {
  constructor(message) {
    super(message);
    this.name = 'InvalidScopeError';
  }
}
class InvalidRequestError extends Error {
  constructor(message) {
    super(message);
    this.name = 'InvalidRequestError';
  }
}

exports.onExecuteCredentialsExchange = async (event, api) => {
  // The hook's scope: undefined when the client grant has none, where event.accessToken.scope is [].
  const scope = event.accessToken.scope?.length ? event.accessToken.scope : undefined;
  return new Promise((resolve, reject) => {
    // The hook's callback, kept as a function: calling it does what the hook's runtime did, then settles this promise.
    let answered = false;
    const cb = (err, accessToken) => {
      // The hooks runtime kept the first answer and ignored any later call.
      if (answered) return;
      answered = true;
      if (err) {
        api.access.deny(({ InvalidScopeError: 'invalid_scope', InvalidRequestError: 'invalid_request' })[err?.name] ?? 'server_error', err?.message ?? String(err));
      } else {
        // Only namespaced properties of the hook's response became claims; scope kept the token's scopes.
        for (const [claim, value] of Object.entries(accessToken ?? {})) {
          if (/^https?:\/\//.test(claim)) api.accessToken.setCustomClaim(claim, value);
        }
      }
      resolve();
    };

  const access_token = {};
  access_token.scope = scope;

  if (!event.client.metadata || !event.client.metadata.billing_id) {
    return cb(new InvalidRequestError('client ' + event.client.name + ' has no billing id'));
  }
  if (event.resource_server.identifier !== event.secrets.BILLING_AUDIENCE) {
    return cb(new InvalidScopeError('billing claims are only issued for the billing API'));
  }

  axios
    .get(event.secrets.BILLING_URL + '/tiers/' + encodeURIComponent(event.client.metadata.billing_id), {
      headers: { 'x-api-key': event.secrets.BILLING_API_KEY },
    })
    .then((res) => {
      access_token[CLAIM_NAMESPACE + 'tier'] = res.data.tier;
      access_token['https://billing.acme.example/client'] = event.client.client_id;
      cb(null, access_token);
    })
    .catch(cb);
  });
};
