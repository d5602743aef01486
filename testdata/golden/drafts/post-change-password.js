/**
 * Post Change Password
 *
 * Records every password change in the security audit log (SIEM collector).
 */
const axios = require('axios');

exports.onExecutePostChangePassword = async (event, api) => {
  // The hook's context, rebuilt from the event with the fields the hook had: the code below uses it whole.
  let context = {
    connection: {
      id: event.connection?.id,
      name: event.connection?.name,
      tenant: event.tenant.id,
    },
    webtask: {
      secrets: event.secrets,
    },
  };

  const { AUDIT_URL, AUDIT_TOKEN } = event.secrets;
  // const old = context.webtask.secrets.LEGACY_KEY; // basic-auth password, rotated out
  const environment = event.secrets.AUDIT_ENVIRONMENT || 'production';

  const hookEvent = {
    type: 'password_change',
    environment,
    // hooks2actions: the hook's user.id was the bare id, without the "auth0|" prefix; event.user.user_id is the full id (not confirmed by the docs), so the draft strips everything up to the first | to keep the hook's value
    user_id: event.user.user_id?.replace(/^[^|]*\|/, ''),
    username: event.user.username,
    email: event.user.email,
    connection: context.connection && context.connection.name,
    at: event.user.last_password_reset || new Date().toISOString(),
    source: 'auth0-hook',
  };

  try {
    await axios.post(AUDIT_URL, hookEvent, {
      headers: { Authorization: 'Bearer ' + AUDIT_TOKEN },
      timeout: 2500,
    });
  } catch (err) {
    // The collector is best effort; never fail the password change.
    console.log(`audit post failed (${err.message}); context.webtask.secrets.NOT_A_READ is not logged`);
  }

  return;
};
