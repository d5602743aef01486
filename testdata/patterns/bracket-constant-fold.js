// bracket: keys that are constant expressions: concatenated literals, and const
// identifiers bound to string literals (module level and local).
const SIGNING_KEY_NAME = 'CLAIMS_SIGNING_KEY';

module.exports = function (client, scope, audience, context, cb) {
  const secrets = context.webtask.secrets;
  const PARTNER_KEY_NAME = 'PARTNER_API_KEY';

  const signingKey = secrets[SIGNING_KEY_NAME]; // want CLAIMS_SIGNING_KEY:bracket
  const partnerKey = secrets[PARTNER_KEY_NAME]; // want PARTNER_API_KEY:bracket
  const region = secrets['REGION_' + 'EU']; // want REGION_EU:bracket
  const url = context.webtask.secrets['PARTNER_' + 'API_' + 'URL']; // want PARTNER_API_URL:bracket

  const access_token = { scope };
  access_token['https://acme.example/partner'] = Boolean(partnerKey && url && signingKey);
  access_token['https://acme.example/region'] = region;
  cb(null, access_token);
};
