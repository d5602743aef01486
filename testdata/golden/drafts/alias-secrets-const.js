// alias: .KEY read on a local bound to context.webtask.secrets: a plain const,
// one of several declarators, a || {} fallback, var, and optional access.
const axios = require('axios');

exports.onExecutePostUserRegistration = async (event, api) => {
  const secrets = event.secrets;
  const apiKey = secrets.API_KEY; // want API_KEY:alias

  const retries = 3, s = event.secrets;
  const endpoint = s.ENDPOINT_URL; // want ENDPOINT_URL:alias

  const safe = event.secrets || {};
  const featureFlag = safe.FEATURE_FLAG; // want FEATURE_FLAG:alias

  var legacy = event.secrets;
  const region = legacy.REGION; // want REGION:alias

  const maybe = secrets?.OPTIONAL_ALIAS_KEY; // want OPTIONAL_ALIAS_KEY:alias

  await axios
    // hooks2actions: the hook's user.id was the bare id, without the "auth0|" prefix; event.user.user_id is the full id (not confirmed by the docs), so the draft strips everything up to the first | to keep the hook's value
    .post(endpoint, { id: event.user.user_id?.replace(/^[^|]*\|/, ''), flag: featureFlag, region, maybe }, { headers: { 'x-api-key': apiKey }, retries })
    .then(() => undefined)
    .catch(() => undefined);
};
