// trigger credentials-exchange: five parameters (client, scope, audience, context, cb);
// the context is the fourth. client and audience are not secrets.
exports.onExecuteCredentialsExchange = async (event, api) => {
  // The hook's scope: undefined when the client grant has none, where event.accessToken.scope is [].
  const scope = event.accessToken.scope?.length ? event.accessToken.scope : undefined;

  const access_token = {};
  access_token.scope = scope || [];

  if (event.resource_server.identifier === event.secrets.BILLING_AUDIENCE) { // want BILLING_AUDIENCE:member
    api.accessToken.setCustomClaim("https://acme.example/plan", (event.client.metadata && event.client.metadata.plan) || 'basic');
  }

  const { ALLOWED_CLIENT_IDS = '' } = event.secrets; // want ALLOWED_CLIENT_IDS:destructure
  if (!ALLOWED_CLIENT_IDS.split(',').includes(event.client.client_id)) {
    return api.access.deny("invalid_scope", `client ${event.client.name} may not call ${event.resource_server.identifier}`);
  }

  return;
};
