// Imitates: a hook that stores its callback in a variable and defers it
// with process.nextTick / setTimeout, so the answer is sent after the
// synchronous checks; the domain rule reads a secret in a nested closure.
module.exports = function (user, context, callback) {
  var done = callback;
  var secrets = context.webtask.secrets;
  function allowed(email) {
    return (secrets.ALLOWED_DOMAINS || '').split(',').some(function (d) {
      return d && email.endsWith('@' + d.trim());
    });
  }
  if (!allowed(user.email || '')) {
    return process.nextTick(function () {
      done(new PreUserRegistrationError('domain denied', 'Please use your work address.'));
    });
  }
  setTimeout(function () {
    done(null, { user: { app_metadata: { approved_domain: true } } });
  }, 0);
};
