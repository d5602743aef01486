/**
 * Client Credentials Exchange hook
 *
 * Adds plan and organisation claims to machine-to-machine access tokens.
 * Entitlements come from the internal claims service, keyed by client id.
 * Owner: platform-identity@acme.example
 */
const axios = require('axios');

const NAMESPACE = 'https://api.acme.example/claims/';

exports.onExecuteCredentialsExchange = async (event, api) => {
  // The hook's scope: undefined when the client grant has none, where event.accessToken.scope is [].
  const scope = event.accessToken.scope?.length ? event.accessToken.scope : undefined;

  const access_token = {};
  access_token.scope = scope || [];

  // Moved to CLAIMS_API_URL when the service went to k8s.
  // const old = context.webtask.secrets.LEGACY_KEY;

  const baseUrl = event.secrets.CLAIMS_API_URL;
  const { CLAIMS_API_TOKEN } = event.secrets;

  if (!baseUrl) {
    // Not configured in this environment: issue the token without extra claims.
    return;
  }

  await axios
    .get(`${baseUrl}/v2/entitlements/${encodeURIComponent(event.client.client_id)}`, {
      headers: { Authorization: `Bearer ${CLAIMS_API_TOKEN}` },
      params: { audience: event.resource_server.identifier },
      timeout: 3000,
    })
    .then((res) => {
      const entitlements = res.data || {};
      api.accessToken.setCustomClaim("https://api.acme.example/claims/plan", entitlements.plan || 'free');
      api.accessToken.setCustomClaim("https://api.acme.example/claims/org", (event.client.metadata && event.client.metadata.org_id) || null);

      // Some partners get read-only reporting scopes on top of their grant.
      if (Array.isArray(entitlements.extra_scopes)) {
        // hooks2actions: setting scope on a credentials-exchange token has no drop-in equivalent: api.transaction.addTargetScope/setTargetScopes are early access and drop scopes the client grant lacks
        entitlements.extra_scopes.forEach((s) => access_token.scope.push(s));
      }
      return;
    })
    .catch((err) => {
      console.log('claims lookup failed for ' + event.client.name + ': ' + err.message);
      console.log('check the CLAIMS_* secrets, not context.webtask.secrets.NOT_A_READ');
      return api.access.deny("server_error", 'Could not load entitlements');
    });
};
