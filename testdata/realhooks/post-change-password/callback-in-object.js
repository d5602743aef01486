// Imitates: a hook that puts the callback into an options object handed to
// a local helper (a `done` field), the helper calling it after got's
// promise; secrets read through a getter function.
const got = require('got');

function secret(context, name) {
  return context.webtask.secrets[name];
}

function notify(opts) {
  got.post(opts.url, { json: opts.body, headers: { 'api-key': opts.key } })
    .then(function () { opts.done(); })
    .catch(function (err) { opts.done(err); });
}

module.exports = function (user, context, cb) {
  notify({
    url: secret(context, 'NOTIFY_URL'),
    key: secret(context, 'NOTIFY_KEY'),
    body: { email: user.email, at: user.last_password_reset },
    done: cb
  });
};
