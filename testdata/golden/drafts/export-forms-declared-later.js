// export form: a named function declaration, exported afterwards with
// module.exports = onRegister;
const request = require('request');

async function onRegister(event, api) {
  const hookUrl = event.secrets.ZAPIER_HOOK_URL; // want ZAPIER_HOOK_URL:member
  // hooks2actions: this callback ran when asynchronous work finished: the handler must await (or return) that work, or the Action ends first
  request.post({ url: hookUrl, json: { email: event.user.email, id: event.user.user_id } }, () => undefined);
}

exports.onExecutePostUserRegistration = onRegister;
