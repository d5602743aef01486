// Imitates: a hook whose claim namespace is itself a secret (so one script
// serves several tenants), claims merged in with Object.assign, and the
// callback reached through cb.call.
module.exports = function (client, scope, audience, context, cb) {
  const ns = context.webtask.secrets.CLAIM_NAMESPACE;
  const token = { scope: scope };
  token[ns + 'client'] = client.name;
  Object.assign(token, { [ns + 'audience']: audience, plain: 'ignored' });
  return cb.call(null, null, token);
};
