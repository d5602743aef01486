// alias: the alias is declared without a value and assigned later, once, with
// the secrets object or context.webtask.
const request = require('request');

exports.onExecutePostUserRegistration = async (event, api) => {
  return new Promise((resolve, reject) => {
    // The hook's callback, kept as a function: calling it does what the hook's runtime did, then settles this promise.
    // hooks2actions: an error of this hook only failed its own run (the response is ignored): throwing from the Action does the same, as the hook did
    const cb = (err) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve());

  let secrets;
  let webtask;
  secrets = event.secrets;
  webtask = event;

  const hookUrl = secrets.LATE_SECRETS_KEY; // want LATE_SECRETS_KEY:alias
  const token = webtask.secrets.LATE_WEBTASK_KEY; // want LATE_WEBTASK_KEY:alias

  // hooks2actions: the hook's user.id was the bare id, without the "auth0|" prefix; event.user.user_id is the full id (not confirmed by the docs), so the draft strips everything up to the first | to keep the hook's value
  request.post({ url: hookUrl, json: { user: event.user.user_id?.replace(/^[^|]*\|/, '') }, headers: { 'x-token': token } }, () => cb());
  });
};
