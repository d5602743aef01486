exports.onExecutePostUserRegistration = async function (event, api) {
  // export form: the whole script is one anonymous function expression, as the
  // Management API stores some hooks; the description sits inside the function.
  const apiKey = event.secrets.SIGNUP_API_KEY; // want SIGNUP_API_KEY:member
  const secrets = event.secrets;
  const url = secrets.SIGNUP_URL; // want SIGNUP_URL:alias
  if (!apiKey || !url) {
    throw new PreUserRegistrationError('not configured', 'Sign-up is closed.');
  }
  return;
}
