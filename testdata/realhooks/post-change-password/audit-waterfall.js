// Imitates: an async.waterfall audit hook: fetch a token for the audit API,
// then post the change; the final callback logs and calls cb.
var async = require('async');
var request = require('request');

module.exports = function (user, context, cb) {
  var secrets = context.webtask.secrets;
  async.waterfall([
    function (done) {
      request.post({ url: secrets.AUDIT_BASE_URL + '/token', json: { key: secrets.AUDIT_KEY } }, function (err, res, body) {
        done(err, body && body.token);
      });
    },
    function (token, done) {
      request.post({
        url: secrets.AUDIT_BASE_URL + '/events',
        headers: { Authorization: 'Bearer ' + token },
        json: { type: 'password_changed', user: user.id, at: user.last_password_reset },
      }, done);
    },
  ], function (err) {
    if (err) {
      console.log('audit failed: ' + err.message);
      return cb(err);
    }
    cb();
  });
};
