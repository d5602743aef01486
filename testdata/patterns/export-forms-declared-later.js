// export form: a named function declaration, exported afterwards with
// module.exports = onRegister;
const request = require('request@2.88.0');

function onRegister(user, context, cb) {
  const hookUrl = context.webtask.secrets.ZAPIER_HOOK_URL; // want ZAPIER_HOOK_URL:member
  request.post({ url: hookUrl, json: { email: user.email, id: user.id } }, () => cb());
}

module.exports = onRegister;
