/**
 * Post Change Password: audit trail through a callback-style client.
 */
const async = require('async');
const audit = require('./audit-client');

module.exports = function (user, context, cb) {
  const key = context.webtask.secrets.AUDIT_KEY;
  async.waterfall(
    [
      (next) => audit.connect(key, next),
      (session, next) => audit.record(session, { user_id: user.id, email: user.email, at: user.last_password_reset }, next),
    ],
    cb
  );
};
