// Imitates: M2M hooks that refuse a token when the client grant gives no
// scope (the hook's scope parameter is then undefined).
module.exports = function (client, scope, audience, context, cb) {
  if (!scope) {
    return cb(new InvalidScopeError('a scope is required'));
  }
  var token = {};
  token['https://example.com/scopes'] = scope.length;
  cb(null, token);
};
