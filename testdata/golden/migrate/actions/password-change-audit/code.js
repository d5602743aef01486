/**
 * Post Change Password
 *
 * Records every password change in the security audit log (SIEM collector).
 */
const axios = require('axios');

exports.onExecutePostChangePassword = async (event, api) => {
  const { AUDIT_URL, AUDIT_TOKEN } = event.secrets;
  // const old = context.webtask.secrets.LEGACY_KEY; // basic-auth password, rotated out
  const environment = event.secrets.AUDIT_ENVIRONMENT || 'production';

  const event = {
    type: 'password_change',
    environment,
    user_id: event.user.user_id,
    username: event.user.username,
    email: event.user.email,
    connection: event.connection && event.connection.name,
    at: event.user.last_password_reset || new Date().toISOString(),
    source: 'auth0-hook',
  };

  try {
    await axios.post(AUDIT_URL, event, {
      headers: { Authorization: 'Bearer ' + AUDIT_TOKEN },
      timeout: 2500,
    });
  } catch (err) {
    // The collector is best effort; never fail the password change.
    console.log(`audit post failed (${err.message}); context.webtask.secrets.NOT_A_READ is not logged`);
  }

  return;
};
