// Imitates: public M2M hooks that copy a field of the token request body
// (context.body) into a claim, with the commented-out deny examples of the
// starter left in place.
module.exports = function (client, scope, audience, context, cb) {
  var access_token = {};
  access_token.scope = scope;
  console.log({ client });
  // Modify scopes or add extra claims
  access_token['https://api.example.com/org_id'] = context.body.org_id || client.metadata.org_id;
  // if (denyExchange) {
  //   return cb(new InvalidScopeError('Not authorized for this scope.'));
  // }
  cb(null, access_token);
};
