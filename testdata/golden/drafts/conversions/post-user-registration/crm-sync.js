/**
 * Post User Registration: push the new user to the CRM.
 *
 * The CRM wants the user as Auth0 hooks describe it (id without the
 * connection prefix), and the event it records is named "event".
 */
const axios = require('axios');

function toContact(u) {
  return { external_id: u.id, email: u.email, verified: u.emailVerified, username: u.username || null };
}

exports.onExecutePostUserRegistration = async (event, api) => {
  // The hook's user, rebuilt from the event with the fields the hook had: the code below uses it whole.
  // hooks2actions: the hook's user.id was the bare id, without the "auth0|" prefix; event.user.user_id is the full id (not confirmed by the docs), so the draft strips everything up to the first | to keep the hook's value
  let user = {
    id: event.user.user_id?.replace(/^[^|]*\|/, ''),
    tenant: event.tenant.id,
    username: event.user.username,
    email: event.user.email,
    emailVerified: event.user.email_verified,
    phoneNumber: event.user.phone_number,
    phoneNumberVerified: event.user.phone_verified,
    user_metadata: event.user.user_metadata,
    app_metadata: event.user.app_metadata,
  };

  const hookEvent = { kind: 'signup', connection: event.connection.name };
  try {
    await axios.post(event.secrets.CRM_URL + '/contacts', { contact: toContact(user), event: { ...hookEvent, user } }, {
      headers: { authorization: 'Bearer ' + event.secrets.CRM_TOKEN },
    });
  } catch (err) {
    console.log('crm sync failed: ' + err.message);
    // hooks2actions: an error of this hook only failed its own run (the response is ignored): throwing from the Action does the same, as the hook did
    throw err;
  }
  return;
};
