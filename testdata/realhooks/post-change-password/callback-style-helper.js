// Imitates: a hook delegating to a helper that takes the callback and
// passes it to request as its own callback.
const request = require('request');

function notify(url, user, done) {
  request({ method: 'POST', url: url, json: { id: user.id, username: user.username || null } }, function (err) {
    done(err || null);
  });
}

module.exports = function (user, context, cb) {
  notify(context.webtask.secrets.NOTIFY_URL, user, cb);
};
