// Imitates: an async/await HubSpot contact creation with node-fetch, the
// key taken by destructuring with a rename, errors through cb.
const fetch = require('node-fetch');

module.exports = async function (user, context, cb) {
  const { HUBSPOT_API_KEY: apiKey } = context.webtask.secrets;
  try {
    const res = await fetch('https://api.hubapi.example/contacts/v1/contact', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ properties: [{ property: 'email', value: user.email }, { property: 'auth0_id', value: user.id }] }),
    });
    if (!res.ok) {
      throw new Error('HubSpot returned ' + res.status);
    }
    cb();
  } catch (err) {
    console.log(err.message);
    cb(err);
  }
};
