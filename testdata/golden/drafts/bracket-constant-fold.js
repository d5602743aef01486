// bracket: keys that are constant expressions: concatenated literals, and const
// identifiers bound to string literals (module level and local).
const SIGNING_KEY_NAME = 'CLAIMS_SIGNING_KEY';

exports.onExecuteCredentialsExchange = async (event, api) => {
  // The hook's scope: undefined when the client grant has none, where event.accessToken.scope is [].
  const scope = event.accessToken.scope?.length ? event.accessToken.scope : undefined;

  const secrets = event.secrets;
  const PARTNER_KEY_NAME = 'PARTNER_API_KEY';

  const signingKey = secrets[SIGNING_KEY_NAME]; // want CLAIMS_SIGNING_KEY:bracket
  const partnerKey = secrets[PARTNER_KEY_NAME]; // want PARTNER_API_KEY:bracket
  const region = secrets['REGION_' + 'EU']; // want REGION_EU:bracket
  const url = event.secrets['PARTNER_' + 'API_' + 'URL']; // want PARTNER_API_URL:bracket

  const access_token = { scope };
  api.accessToken.setCustomClaim("https://acme.example/partner", Boolean(partnerKey && url && signingKey));
  api.accessToken.setCustomClaim("https://acme.example/region", region);
  return;
};
