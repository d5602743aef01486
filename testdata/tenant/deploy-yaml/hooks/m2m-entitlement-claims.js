/**
 * Client Credentials Exchange hook
 *
 * Adds plan and organisation claims to machine-to-machine access tokens.
 * Entitlements come from the internal claims service, keyed by client id.
 * Owner: platform-identity@acme.example
 */
const axios = require('axios@0.21.1');

const NAMESPACE = '@@CLAIMS_NAMESPACE@@';

module.exports = function (client, scope, audience, context, cb) {
  const access_token = {};
  access_token.scope = scope || [];

  // Moved to CLAIMS_API_URL when the service went to k8s.
  // const old = context.webtask.secrets.LEGACY_KEY;

  const baseUrl = context.webtask.secrets.CLAIMS_API_URL;
  const { CLAIMS_API_TOKEN } = context.webtask.secrets;

  if (!baseUrl) {
    // Not configured in this environment: issue the token without extra claims.
    return cb(null, access_token);
  }

  axios
    .get(`${baseUrl}/v2/entitlements/${encodeURIComponent(client.id)}`, {
      headers: { Authorization: `Bearer ${CLAIMS_API_TOKEN}` },
      params: { audience },
      timeout: 3000,
    })
    .then((res) => {
      const entitlements = res.data || {};
      access_token[NAMESPACE + 'plan'] = entitlements.plan || 'free';
      access_token[NAMESPACE + 'org'] = (client.metadata && client.metadata.org_id) || null;

      // Some partners get read-only reporting scopes on top of their grant.
      if (Array.isArray(entitlements.extra_scopes)) {
        entitlements.extra_scopes.forEach((s) => access_token.scope.push(s));
      }
      cb(null, access_token);
    })
    .catch((err) => {
      console.log('claims lookup failed for ' + client.name + ': ' + err.message);
      console.log('check the CLAIMS_* secrets, not context.webtask.secrets.NOT_A_READ');
      cb(new ServerError('Could not load entitlements'));
    });
};
