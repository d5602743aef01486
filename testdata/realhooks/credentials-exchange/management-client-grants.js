// Imitates: a hook that reads the client's grants through the auth0 SDK's
// ManagementClient built from secrets (domain, client id and secret), with
// a node-style callback, and denies when no grant matches the audience.
const ManagementClient = require('auth0').ManagementClient;

module.exports = function (client, scope, audience, context, cb) {
  const mgmt = new ManagementClient({
    domain: context.webtask.secrets.DOMAIN,
    clientId: context.webtask.secrets.MGMT_CLIENT_ID,
    clientSecret: context.webtask.secrets.MGMT_CLIENT_SECRET,
    scope: 'read:client_grants'
  });
  mgmt.getClientGrants({ client_id: client.id }, function (err, grants) {
    if (err) {
      return cb(new ServerError('could not read grants'));
    }
    const found = (grants || []).some(function (g) { return g.audience === audience; });
    if (!found) {
      return cb(new InvalidScopeError('no grant for ' + audience));
    }
    cb(null, { scope: scope, 'https://example.com/grants': grants.length });
  });
};
