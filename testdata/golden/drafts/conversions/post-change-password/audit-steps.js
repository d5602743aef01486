/**
 * Post Change Password: an audit trail in two calls of a callback-style
 * client, the second one with the session the first one opened.
 */
const async = require('async');
const request = require('request');

exports.onExecutePostChangePassword = async (event, api) => {
  return new Promise((resolve, reject) => {
    // The hook's callback, kept as a function: calling it does what the hook's runtime did, then settles this promise.
    // hooks2actions: an error of this hook only failed its own run (the response is ignored): throwing from the Action does the same, as the hook did
    const cb = (err) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve());

  const base = event.secrets.AUDIT_URL;
  async.waterfall(
    [
      (next) => request.post({ url: base + '/sessions', json: { key: event.secrets.AUDIT_KEY } }, (err, res, body) => next(err, body)),
      (session, next) =>
        // hooks2actions: the hook's user.id was the bare id, without the "auth0|" prefix; event.user.user_id is the full id (not confirmed by the docs), so the draft strips everything up to the first | to keep the hook's value
        request.post({ url: base + '/records', json: { session: session && session.id, user_id: event.user.user_id?.replace(/^[^|]*\|/, ''), email: event.user.email } }, next),
    ],
    cb
  );
  });
};
