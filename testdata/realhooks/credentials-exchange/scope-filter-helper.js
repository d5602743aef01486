// Imitates: scope trimming hooks that filter the requested scope by an
// allow list kept in client metadata, with the claims built by a helper that
// takes the whole client and context objects.
function buildClaims(client, context, scopes) {
  return {
    scope: scopes,
    'https://example.com/client': client.name,
    'https://example.com/grant': context.body && context.body.grant_type,
  };
}

module.exports = function (client, scope, audience, context, cb) {
  const allowed = (client.metadata.allowed_scopes || 'read:reports').split(' ');
  const granted = (scope || []).filter(function (s) {
    return allowed.indexOf(s) !== -1;
  });
  if (scope && scope.length && granted.length === 0) {
    return cb(new InvalidScopeError('None of ' + scope.join(' ') + ' is allowed.'));
  }
  cb(null, buildClaims(client, context, granted));
};
