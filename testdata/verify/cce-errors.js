// credentials-exchange
module.exports = function (client, scope, audience, context, cb) {
  if (!client.metadata.org_id) return cb(new InvalidRequestError('client ' + client.name + ' has no organisation'));
  if ((scope || []).indexOf('admin') >= 0) return cb(new InvalidScopeError('admin is not granted to M2M clients'));
  const token = {};
  token['https://acme.example/org'] = client.metadata.org_id;
  cb(null, token);
};
