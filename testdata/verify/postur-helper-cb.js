// post-user-registration
const request = require('request@2.88.0');

function notify(url, u, done) {
  request.post({ url: url, json: { id: u.id, email: u.email, name: u.username || u.email } }, (err, res) => {
    if (err) return done(err);
    done(res.statusCode >= 400 ? new Error('notify failed: ' + res.statusCode) : null);
  });
}

module.exports = function (user, context, cb) {
  notify(context.webtask.secrets.HOOK_URL, user, cb);
};
