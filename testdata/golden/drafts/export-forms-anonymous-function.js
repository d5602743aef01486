// The hooks runtime's error classes, which this code still uses: Actions do not have them.
class PreUserRegistrationError extends Error {
  constructor(message, userMessage) {
    super(message);
    this.name = 'PreUserRegistrationError';
    this.userMessage = userMessage;
  }
}

exports.onExecutePostUserRegistration = async function (event, api) {
  // export form: the whole script is one anonymous function expression, as the
  // Management API stores some hooks; the description sits inside the function.
  const apiKey = event.secrets.SIGNUP_API_KEY; // want SIGNUP_API_KEY:member
  const secrets = event.secrets;
  const url = secrets.SIGNUP_URL; // want SIGNUP_URL:alias
  if (!apiKey || !url) {
    // hooks2actions: an error of this hook only failed its own run (the response is ignored): throwing from the Action does the same, as the hook did
    throw new PreUserRegistrationError('not configured', 'Sign-up is closed.');
  }
  return;
}
