// dynamic-secret-access: secrets[expr] where the key is computed at run time:
// a variable, a template with a substitution, a concatenation with a variable,
// optional bracket access, and a helper indexing its secrets parameter.
module.exports = function (user, context, cb) {
  const secrets = context.webtask.secrets;
  const env = (user.app_metadata && user.app_metadata.env) || 'prod';
  const name = `${env.toUpperCase()}_API_KEY`;

  const apiKey = secrets[name]; // want !dynamic-secret-access
  const url = context.webtask.secrets[`${env}_URL`]; // want !dynamic-secret-access
  const region = secrets['REGION_' + env]; // want !dynamic-secret-access
  const slot = secrets?.[user.app_metadata.slot]; // want !dynamic-secret-access
  const tierKey = lookup(context.webtask.secrets, user.app_metadata.tier);

  const fixed = secrets.FIXED_KEY; // want FIXED_KEY:alias
  cb(null, { user: { app_metadata: { ok: [apiKey, url, region, slot, tierKey, fixed].every(Boolean) } } });
};

function lookup(s, tier) {
  return s[tier]; // want !dynamic-secret-access
}
