// Imitates: community answers that build namespaced claims with computed
// keys (a namespace constant plus the metadata key, template literals),
// copy client metadata wholesale, and set a non-namespaced "org_id"-style
// property that the token endpoint silently ignores.
module.exports = function (client, scope, audience, context, cb) {
  const ns = 'https://claims.example.org/';
  const accessToken = {};
  accessToken.scope = scope;
  const meta = client.metadata || {};
  Object.keys(meta).forEach(function (k) {
    accessToken[ns + k] = meta[k];
  });
  accessToken[`${ns}audience`] = audience;
  accessToken['m2m.org_id'] = (context.body && context.body.org_id) || null;
  cb(null, accessToken);
};
