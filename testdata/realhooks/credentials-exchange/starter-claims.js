// Imitates: the Auth0 docs starter code for Client Credentials Exchange, as
// many tenants kept it: scope passed through, one namespaced claim, an extra
// scope pushed (which throws when the client asked for no scope).
/**
@param {object} client - information about the client
@param {array|undefined} scope - array of strings representing the scope claim or undefined
@param {string} audience - token's audience claim
@param {object} context - additional authorization context
@param {function} cb - function (error, accessTokenClaims)
*/
module.exports = function (client, scope, audience, context, cb) {
  var access_token = {};
  access_token['https://example.com/claim'] = 'bar';
  access_token.scope = scope;
  access_token.scope.push('extra');
  cb(null, access_token);
};
