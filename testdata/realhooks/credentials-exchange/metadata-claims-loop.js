// Imitates: M2M hooks that copy every client metadata entry into a
// namespaced claim in a loop, plus a field of the token request body
// (context.body), with the starter's commented-out deny examples left in.
module.exports = function (client, scope, audience, context, cb) {
  const NS = 'https://claims.example.com/';
  const token = { scope: scope };
  Object.keys(client.metadata || {}).forEach(function (k) {
    token[NS + k] = client.metadata[k];
  });
  token[NS + 'requested_audience'] = context.body.audience;
  // if (denyExchange) {
  //   return cb(new InvalidScopeError('Not authorized for this scope.'));
  // }
  cb(null, token);
};
