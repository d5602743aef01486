// Imitates: entitlement checks on client metadata found in SaaS tenants:
// each documented error class returned through the callback, claims from
// the client's metadata otherwise.
module.exports = function (client, scope, audience, context, cb) {
  const ns = 'https://saas.example.com/';
  if (!client.metadata || !client.metadata.plan) {
    return cb(new InvalidScopeError('Client ' + client.name + ' has no plan.'));
  }
  if (audience !== 'https://api.verify.example/') {
    return cb(new InvalidRequestError('Unknown audience ' + audience));
  }
  if (client.metadata.plan === 'suspended') {
    return cb(new ServerError('Plan lookup failed'));
  }
  const claims = { scope: scope };
  claims[ns + 'plan'] = client.metadata.plan;
  claims[ns + 'client_name'] = client.name;
  claims[ns + 'tenant'] = client.tenant;
  return cb(null, claims);
};
