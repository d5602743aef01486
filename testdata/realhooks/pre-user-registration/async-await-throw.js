// Imitates: `module.exports = async (user, context, cb) => {}` with await on
// node-fetch and a bearer token from a secret in the headers; failures are
// thrown inside try and turned into cb(err) by the catch.
const fetch = require('node-fetch');

module.exports = async (user, context, cb) => {
  try {
    const res = await fetch(context.webtask.secrets.CRM_URL + '/leads?email=' + encodeURIComponent(user.email), {
      headers: { Authorization: `Bearer ${context.webtask.secrets.CRM_TOKEN}` }
    });
    if (!res.ok) {
      throw new Error('crm lookup failed: ' + res.status);
    }
    const lead = await res.json();
    return cb(null, { user: { user_metadata: { lead_id: lead && lead.id } } });
  } catch (err) {
    return cb(err);
  }
};
