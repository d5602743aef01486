// member: direct reads of context.webtask.secrets.KEY through the hook's context
// parameter, in expressions, templates, conditions, and a chain split over lines.
const axios = require('axios');

exports.onExecutePostUserRegistration = async (event, api) => {
  // The hook's user, rebuilt from the event with the fields the hook had: the code below uses it whole.
  // hooks2actions: the hook's user.id was the bare id, without the "auth0|" prefix; event.user.user_id is the full id (not confirmed by the docs), so the draft strips everything up to the first | to keep the hook's value
  const user = {
    app_metadata: event.user.app_metadata,
    email: event.user.email,
    emailVerified: event.user.email_verified,
    id: event.user.user_id?.replace(/^[^|]*\|/, ''),
    phoneNumber: event.user.phone_number,
    phoneNumberVerified: event.user.phone_verified,
    tenant: event.tenant.id,
    user_metadata: event.user.user_metadata,
    username: event.user.username,
  };

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

  const body = { email: user.email, a: event.secrets.FIRST, b: event.secrets.SECOND }; // want FIRST:member SECOND:member

  await axios
    .post(url, body, { headers, timeout })
    .then(() => undefined)
    // hooks2actions: an error of this hook only failed its own run (the response is ignored): throwing from the Action does the same, as the hook did
    .catch((err) => (() => { throw err; })());
};
