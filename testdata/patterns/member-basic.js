// member: direct reads of context.webtask.secrets.KEY through the hook's context
// parameter, in expressions, templates, conditions, and a chain split over lines.
const axios = require('axios');

module.exports = function (user, context, cb) {
  const url = context.webtask.secrets.API_URL; // want API_URL:member
  const headers = {
    Authorization: 'Bearer ' + context.webtask.secrets.API_TOKEN, // want API_TOKEN:member
  };
  const region = context.webtask.secrets.REGION || 'eu'; // want REGION:member
  const label = `tenant-${context.webtask.secrets.TENANT_LABEL}`; // want TENANT_LABEL:member

  const timeout = Number(
    context.webtask.secrets
      .TIMEOUT_MS // want TIMEOUT_MS:member
  );

  if (context.webtask.secrets.DEBUG === 'true') { // want DEBUG:member
    console.log('calling ' + url + ' in ' + region + ' for ' + label);
  }

  const body = { email: user.email, a: context.webtask.secrets.FIRST, b: context.webtask.secrets.SECOND }; // want FIRST:member SECOND:member

  axios
    .post(url, body, { headers, timeout })
    .then(() => cb(null, { user }))
    .catch((err) => cb(err));
};
