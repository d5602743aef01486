/**
 * Post Change Password: audit trail through a callback-style client.
 */
const async = require('async');
const audit = require('./audit-client');

exports.onExecutePostChangePassword = async (event, api) => {
  return new Promise((resolve, reject) => {
    // The hook's callback, kept as a function: calling it does what the hook's runtime did, then settles this promise.
    // hooks2actions: an error of this hook only failed its own run (the response is ignored): throwing from the Action does the same, as the hook did
    const cb = (err) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve());

  const key = event.secrets.AUDIT_KEY;
  async.waterfall(
    [
      (next) => audit.connect(key, next),
      // hooks2actions: the hook's user.id was the bare id, without the "auth0|" prefix; event.user.user_id is the full id (not confirmed by the docs), so the draft strips everything up to the first | to keep the hook's value
      (session, next) => audit.record(session, { user_id: event.user.user_id?.replace(/^[^|]*\|/, ''), email: event.user.email, at: event.user.last_password_reset }, next),
    ],
    cb
  );
  });
};
