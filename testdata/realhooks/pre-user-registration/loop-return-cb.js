// Imitates: a deny-list hook that loops over blocked patterns kept in a
// secret and returns cb(...) from inside the loop on the first match, with
// the PreUserRegistrationError log/user message pair.
module.exports = function (user, context, cb) {
  const blocked = (context.webtask.secrets.BLOCKED_PATTERNS || '').split(';');
  const email = (user.email || '').toLowerCase();
  for (let i = 0; i < blocked.length; i++) {
    const pattern = blocked[i].trim();
    if (pattern && email.indexOf(pattern) !== -1) {
      return cb(new PreUserRegistrationError('blocked: ' + pattern, 'Sign-up is not allowed for this address.'));
    }
  }
  for (const word of ['admin', 'root']) {
    if (user.username === word) return cb(new Error('reserved username'));
  }
  return cb(null, { user: {} });
};
