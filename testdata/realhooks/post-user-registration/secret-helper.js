// Imitates: hooks reading secrets through a small helper and an alias,
// posting a provisioning request with superagent's callback style.
const superagent = require('superagent');

function secret(context, name) {
  return context.webtask.secrets[name];
}

module.exports = function (user, context, cb) {
  const base = secret(context, 'PROVISION_URL');
  superagent
    .post(base + '/accounts')
    .set('Authorization', 'Token ' + secret(context, 'PROVISION_TOKEN'))
    .send({ id: user.id, email: user.email, verified: user.emailVerified })
    .end(function (err) {
      if (err) {
        console.log('provisioning failed for ' + user.id);
      }
      cb();
    });
};
