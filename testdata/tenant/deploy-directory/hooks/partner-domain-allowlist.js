/**
 * Pre User Registration
 *
 * Sign-ups are limited to people from partner organisations: the email domain
 * must be listed in the partner directory (see runbook IAM-114).
 */
const fetch = require('node-fetch@2.6.1');

module.exports = async function (user, context, cb) {
  const email = (user.email || '').trim().toLowerCase();
  const domain = email.split('@')[1];

  if (!domain) {
    return cb(new PreUserRegistrationError('no email domain', 'Please sign up with your work email.'));
  }

  // The directory dropped basic auth in March; the old password is unused.
  // const old = context.webtask.secrets.LEGACY_KEY;
  const apiKey = context.webtask.secrets.PARTNER_DIRECTORY_API_KEY;
  const baseUrl = context.webtask.secrets['PARTNER_DIRECTORY_URL'] || 'https://partners.acme.example';

  let partner;
  try {
    const res = await fetch(`${baseUrl}/v1/domains/${encodeURIComponent(domain)}`, {
      headers: { 'x-api-key': apiKey, accept: 'application/json' },
      timeout: 4000,
    });
    if (res.status === 404) {
      return cb(
        new PreUserRegistrationError(`domain ${domain} not allowed`, 'Sign-ups are limited to partner organisations.')
      );
    }
    partner = await res.json();
  } catch (err) {
    // Fail closed: without the directory we cannot tell partners apart.
    return cb(new PreUserRegistrationError('directory unavailable: ' + err.message, 'Please try again later.'));
  }

  const response = { user: { user_metadata: {}, app_metadata: {} } };
  response.user.user_metadata.partner_name = partner.name;
  response.user.app_metadata.partner_id = partner.id;
  response.user.app_metadata.provisioned_by = 'hook (never copy context.webtask.secrets.NOT_A_READ here)';

  cb(null, response);
};
