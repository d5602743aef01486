/**
 * Post Change Password
 *
 * Records every password change in the security audit log (SIEM collector).
 */
const axios = require('axios@0.21.1');

module.exports = async (user, context, cb) => {
  const { AUDIT_URL, AUDIT_TOKEN } = context.webtask.secrets;
  // const old = context.webtask.secrets.LEGACY_KEY; // basic-auth password, rotated out
  const environment = context.webtask.secrets.AUDIT_ENVIRONMENT || 'production';

  const event = {
    type: 'password_change',
    environment,
    user_id: user.id,
    username: user.username,
    email: user.email,
    connection: context.connection && context.connection.name,
    at: user.last_password_reset || new Date().toISOString(),
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

  cb();
};
