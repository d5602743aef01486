// Adversarial: the claims depend on a secret's value (a feature flag kept
// as a secret) and on a secret compared with the request body; a verifier
// that feeds the same placeholder to both sides must still notice a draft
// that reads the wrong secret or none.
module.exports = function (client, scope, audience, context, cb) {
  const { FEATURE_FLAGS, PARTNER_KEY } = context.webtask.secrets;
  const flags = String(FEATURE_FLAGS || '').split(',');
  const token = { scope: scope };
  if (flags.indexOf('beta') !== -1) {
    token['https://example.com/beta'] = true;
  }
  if (context.body && context.body.partner_key === PARTNER_KEY) {
    token['https://example.com/partner'] = client.id;
  }
  cb(null, token);
};
