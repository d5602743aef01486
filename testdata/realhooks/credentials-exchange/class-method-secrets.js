// Imitates: a hook organised around a small ES2015 class whose methods read
// the secrets from the context it was given, the callback kept on the
// instance and called from a method.
class ClaimBuilder {
  constructor(ctx, done) {
    this.ctx = ctx;
    this.done = done;
  }
  namespace() {
    return this.ctx.webtask.secrets.CLAIM_NAMESPACE || 'https://example.com/';
  }
  finish(claims) {
    this.done(null, claims);
  }
}

module.exports = function (client, scope, audience, context, cb) {
  const b = new ClaimBuilder(context, cb);
  const claims = { scope: scope };
  claims[b.namespace() + 'client_name'] = client.name;
  b.finish(claims);
};
