function (user, context, cb) {
  // export form: the whole script is one anonymous function expression, as the
  // Management API stores some hooks; the description sits inside the function.
  const apiKey = context.webtask.secrets.SIGNUP_API_KEY; // want SIGNUP_API_KEY:member
  const secrets = context.webtask.secrets;
  const url = secrets.SIGNUP_URL; // want SIGNUP_URL:alias
  if (!apiKey || !url) {
    return cb(new PreUserRegistrationError('not configured', 'Sign-up is closed.'));
  }
  cb(null, { user: { app_metadata: { signup_source: url } } });
}
