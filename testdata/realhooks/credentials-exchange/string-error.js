// Imitates: quick hooks that deny with a plain Error whose message carries a
// JSON dump of the client's metadata, and log the whole client.
module.exports = function (client, scope, audience, context, cb) {
  console.log('exchange for ' + JSON.stringify(client));
  if (client.metadata.org_id === undefined) {
    return cb(new Error('missing org_id in ' + JSON.stringify(client.metadata)));
  }
  const token = {};
  token['https://example.com/org'] = client.metadata.org_id;
  token.scope = scope;
  cb(null, token);
};
