// export form: a named function declaration, exported afterwards with
// module.exports = onRegister;
const request = require('request');

async function onRegister(event, api) {
  return new Promise((resolve, reject) => {
    // The hook's callback, kept as a function: calling it does what the hook's runtime did, then settles this promise.
    // hooks2actions: an error of this hook only failed its own run (the response is ignored): throwing from the Action does the same, as the hook did
    const cb = (err) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve());

  const hookUrl = event.secrets.ZAPIER_HOOK_URL; // want ZAPIER_HOOK_URL:member
  // hooks2actions: the hook's user.id was the bare id, without the "auth0|" prefix; event.user.user_id is the full id (not confirmed by the docs), so the draft strips everything up to the first | to keep the hook's value
  request.post({ url: hookUrl, json: { email: event.user.email, id: event.user.user_id?.replace(/^[^|]*\|/, '') } }, () => cb());
  });
}

exports.onExecutePostUserRegistration = onRegister;
