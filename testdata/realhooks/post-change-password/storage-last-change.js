// Imitates: a hook that keeps the last password change per user in
// webtask storage (context.webtask.storage, set with options) and posts to a
// webhook whose secret is in the header.
const axios = require('axios');

module.exports = function (user, context, cb) {
  context.webtask.storage.get(function (err, data) {
    data = data || {};
    data[user.id] = user.last_password_reset;
    context.webtask.storage.set(data, { force: 1 }, function () {
      axios.post('https://hooks.example.com/pwd', { id: user.id }, {
        headers: { 'x-hook-secret': context.webtask.secrets.HOOK_SECRET }
      }).then(function () { cb(); }, function (e) { cb(e); });
    });
  });
};
