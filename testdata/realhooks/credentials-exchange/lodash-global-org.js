// Imitates: hooks written for the Node 12 hooks runtime, which gave lodash
// as the global _ without a require: the organisation read with _.get, a
// plain Error (HTTP 500) carrying the client's metadata as JSON otherwise.
module.exports = function (client, scope, audience, context, cb) {
  console.log('exchange for ' + JSON.stringify(client));
  const orgId = _.get(client, 'metadata.org_id');
  if (!orgId) {
    return cb(new Error('missing org_id in ' + JSON.stringify(client.metadata)));
  }
  const token = _.assign({ scope: scope }, { 'https://example.com/org': orgId });
  cb(null, token);
};
