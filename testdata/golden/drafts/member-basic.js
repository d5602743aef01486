// member: direct reads of context.webtask.secrets.KEY through the hook's context
// parameter, in expressions, templates, conditions, and a chain split over lines.
const axios = require('axios');

exports.onExecutePostUserRegistration = async (event, api) => {
  const url = event.secrets.API_URL; // want API_URL:member
  const headers = {
    Authorization: 'Bearer ' + event.secrets.API_TOKEN, // want API_TOKEN:member
  };
  const region = event.secrets.REGION || 'eu'; // want REGION:member
  const label = `tenant-${event.secrets.TENANT_LABEL}`; // want TENANT_LABEL:member

  const timeout = Number(
    event.secrets
      .TIMEOUT_MS // want TIMEOUT_MS:member
  );

  if (event.secrets.DEBUG === 'true') { // want DEBUG:member
    console.log('calling ' + url + ' in ' + region + ' for ' + label);
  }

  const body = { email: event.user.email, a: event.secrets.FIRST, b: event.secrets.SECOND }; // want FIRST:member SECOND:member

  await axios
    .post(url, body, { headers, timeout })
    .then(() => undefined)
    // hooks2actions: an error of this hook only failed its own run (the response is ignored): throwing from the Action does the same, as the hook did
    .catch((err) => (() => { throw err; })());
};
