// alias: .KEY read on a local bound to context.webtask.secrets: a plain const,
// one of several declarators, a || {} fallback, var, and optional access.
const axios = require('axios');

module.exports = function (user, context, cb) {
  const secrets = context.webtask.secrets;
  const apiKey = secrets.API_KEY; // want API_KEY:alias

  const retries = 3, s = context.webtask.secrets;
  const endpoint = s.ENDPOINT_URL; // want ENDPOINT_URL:alias

  const safe = context.webtask.secrets || {};
  const featureFlag = safe.FEATURE_FLAG; // want FEATURE_FLAG:alias

  var legacy = context.webtask.secrets;
  const region = legacy.REGION; // want REGION:alias

  const maybe = secrets?.OPTIONAL_ALIAS_KEY; // want OPTIONAL_ALIAS_KEY:alias

  axios
    .post(endpoint, { id: user.id, flag: featureFlag, region, maybe }, { headers: { 'x-api-key': apiKey }, retries })
    .then(() => cb())
    .catch(() => cb());
};
