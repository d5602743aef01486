/**
 * Post Change Password: an audit trail in two calls of a callback-style
 * client, the second one with the session the first one opened.
 */
const async = require('async');
const request = require('request');

module.exports = function (user, context, cb) {
  const base = context.webtask.secrets.AUDIT_URL;
  async.waterfall(
    [
      (next) => request.post({ url: base + '/sessions', json: { key: context.webtask.secrets.AUDIT_KEY } }, (err, res, body) => next(err, body)),
      (session, next) =>
        request.post({ url: base + '/records', json: { session: session && session.id, user_id: user.id, email: user.email } }, next),
    ],
    cb
  );
};
