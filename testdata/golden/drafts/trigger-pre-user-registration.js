// trigger pre-user-registration: three parameters (user, context, cb), exported as
// module.exports = async function name (...).
const fetch = require('node-fetch');

// The hooks runtime's error classes, which this code still uses: Actions do not have them.
class PreUserRegistrationError extends Error {
  constructor(message, userMessage) {
    super(message);
    this.name = 'PreUserRegistrationError';
    this.userMessage = userMessage;
  }
}

exports.onExecutePostUserRegistration = async function preRegister(event, api) {
  const res = await fetch(event.secrets.DENYLIST_URL, { // want DENYLIST_URL:member
    headers: { 'x-api-key': event.secrets.DENYLIST_API_KEY }, // want DENYLIST_API_KEY:member
  });
  const denied = await res.json();
  const domain = (event.user.email || '').split('@')[1];

  if (denied.includes(domain)) {
    // hooks2actions: an error of this hook only failed its own run (the response is ignored): throwing from the Action does the same, as the hook did
    throw new PreUserRegistrationError('denied domain ' + domain, 'This email domain is not accepted.');
  }

  const response = { user: { user_metadata: { lang: event.request.language || 'en' } } };
  return;
};
