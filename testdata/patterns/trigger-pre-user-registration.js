// trigger pre-user-registration: three parameters (user, context, cb), exported as
// module.exports = async function name (...).
const fetch = require('node-fetch@2.6.1');

module.exports = async function preRegister(user, context, cb) {
  const res = await fetch(context.webtask.secrets.DENYLIST_URL, { // want DENYLIST_URL:member
    headers: { 'x-api-key': context.webtask.secrets.DENYLIST_API_KEY }, // want DENYLIST_API_KEY:member
  });
  const denied = await res.json();
  const domain = (user.email || '').split('@')[1];

  if (denied.includes(domain)) {
    return cb(new PreUserRegistrationError('denied domain ' + domain, 'This email domain is not accepted.'));
  }

  const response = { user: { user_metadata: { lang: context.requestLanguage || 'en' } } };
  cb(null, response);
};
