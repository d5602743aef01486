// alias: the alias is declared without a value and assigned later, once, with
// the secrets object or context.webtask.
const request = require('request');

exports.onExecutePostUserRegistration = async (event, api) => {
  let secrets;
  let webtask;
  secrets = event.secrets;
  webtask = event;

  const hookUrl = secrets.LATE_SECRETS_KEY; // want LATE_SECRETS_KEY:alias
  const token = webtask.secrets.LATE_WEBTASK_KEY; // want LATE_WEBTASK_KEY:alias

  // hooks2actions: this callback ran when asynchronous work finished: the handler must await (or return) that work, or the Action ends first
  request.post({ url: hookUrl, json: { user: event.user.user_id }, headers: { 'x-token': token } }, () => undefined);
};
