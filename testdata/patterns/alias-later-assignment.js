// alias: the alias is declared without a value and assigned later, once, with
// the secrets object or context.webtask.
const request = require('request');

module.exports = function (user, context, cb) {
  let secrets;
  let webtask;
  secrets = context.webtask.secrets;
  webtask = context.webtask;

  const hookUrl = secrets.LATE_SECRETS_KEY; // want LATE_SECRETS_KEY:alias
  const token = webtask.secrets.LATE_WEBTASK_KEY; // want LATE_WEBTASK_KEY:alias

  request.post({ url: hookUrl, json: { user: user.id }, headers: { 'x-token': token } }, () => cb());
};
