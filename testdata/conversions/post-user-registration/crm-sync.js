/**
 * Post User Registration: push the new user to the CRM.
 *
 * The CRM wants the user as Auth0 hooks describe it (id without the
 * connection prefix), and the event it records is named "event".
 */
const axios = require('axios@1.6.0');

function toContact(u) {
  return { external_id: u.id, email: u.email, verified: u.emailVerified, username: u.username || null };
}

module.exports = async function (user, context, cb) {
  const event = { kind: 'signup', connection: context.connection.name };
  try {
    await axios.post(context.webtask.secrets.CRM_URL + '/contacts', { contact: toContact(user), event: { ...event, user } }, {
      headers: { authorization: 'Bearer ' + context.webtask.secrets.CRM_TOKEN },
    });
  } catch (err) {
    console.log('crm sync failed: ' + err.message);
    return cb(err);
  }
  cb();
};
