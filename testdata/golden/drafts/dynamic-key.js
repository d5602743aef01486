// dynamic-secret-access: secrets[expr] where the key is computed at run time:
// a variable, a template with a substitution, a concatenation with a variable,
// optional bracket access, and a helper indexing its secrets parameter.
exports.onExecutePostUserRegistration = async (event, api) => {
  const secrets = event.secrets;
  const env = (event.user.app_metadata && event.user.app_metadata.env) || 'prod';
  const name = `${env.toUpperCase()}_API_KEY`;

  const apiKey = secrets[name]; // want !dynamic-secret-access
  const url = event.secrets[`${env}_URL`]; // want !dynamic-secret-access
  const region = secrets['REGION_' + env]; // want !dynamic-secret-access
  const slot = secrets?.[event.user.app_metadata.slot]; // want !dynamic-secret-access
  const tierKey = lookup(event.secrets, event.user.app_metadata.tier);

  const fixed = secrets.FIXED_KEY; // want FIXED_KEY:alias
  return;
};

function lookup(s, tier) {
  return s[tier]; // want !dynamic-secret-access
}
