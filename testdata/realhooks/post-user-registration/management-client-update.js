// Imitates: a post-registration hook that uses the auth0 SDK's
// ManagementClient (domain and credentials from secrets) to write
// app_metadata on the new user, with promise callbacks and `auth0|` glued
// onto the bare user.id.
var ManagementClient = require('auth0').ManagementClient;

module.exports = function (user, context, cb) {
  var management = new ManagementClient({
    domain: context.webtask.secrets.AUTH0_DOMAIN,
    clientId: context.webtask.secrets.AUTH0_CLIENT_ID,
    clientSecret: context.webtask.secrets.AUTH0_CLIENT_SECRET
  });
  management.updateAppMetadata({ id: 'auth0|' + user.id }, { onboarded: false })
    .then(function () { cb(); })
    .catch(function (err) {
      console.log('metadata update failed', err.message);
      cb();
    });
};
