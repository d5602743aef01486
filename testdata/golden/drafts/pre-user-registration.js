/**
 * Pre User Registration
 *
 * Sign-ups are limited to people from partner organisations: the email domain
 * must be listed in the partner directory (see runbook IAM-114).
 */
const fetch = require('node-fetch');

exports.onExecutePreUserRegistration = async (event, api) => {
  const email = (event.user.email || '').trim().toLowerCase();
  const domain = email.split('@')[1];

  if (!domain) {
    return api.access.deny('no email domain', 'Please sign up with your work email.');
  }

  // The directory dropped basic auth in March; the old password is unused.
  // const old = context.webtask.secrets.LEGACY_KEY;
  const apiKey = event.secrets.PARTNER_DIRECTORY_API_KEY;
  const baseUrl = event.secrets['PARTNER_DIRECTORY_URL'] || 'https://partners.acme.example';

  let partner;
  try {
    const res = await fetch(`${baseUrl}/v1/domains/${encodeURIComponent(domain)}`, {
      headers: { 'x-api-key': apiKey, accept: 'application/json' },
      timeout: 4000,
    });
    if (res.status === 404) {
      return api.access.deny(`domain ${domain} not allowed`, 'Sign-ups are limited to partner organisations.');
    }
    partner = await res.json();
  } catch (err) {
    // Fail closed: without the directory we cannot tell partners apart.
    return api.access.deny('directory unavailable: ' + err.message, 'Please try again later.');
  }

  const response = { user: { user_metadata: {}, app_metadata: {} } };
  api.user.setUserMetadata("partner_name", partner.name);
  api.user.setAppMetadata("partner_id", partner.id);
  api.user.setAppMetadata("provisioned_by", 'hook (never copy context.webtask.secrets.NOT_A_READ here)');

  return;
};
