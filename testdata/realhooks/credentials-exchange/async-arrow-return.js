// Imitates: a hook written as `module.exports = async (...) => {}` by
// someone used to promises, with `return cb(...)` for the early exit and a
// plain cb call at the end; the secret is split into a list.
module.exports = async (client, scope, audience, context, cb) => {
  const allowed = (context.webtask.secrets.ALLOWED_AUDIENCES || '').split(',');
  if (allowed.indexOf(audience) === -1) {
    return cb(new InvalidRequestError('audience not allowed for ' + client.name));
  }
  const claims = { scope };
  claims['https://example.com/tier'] = 'gold';
  cb(null, claims);
};
