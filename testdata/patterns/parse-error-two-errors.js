// parse-error: a script with two syntax errors; only the first is reported, and the
// text scan still finds the direct context.webtask.secrets reads (low confidence).
const request = require('request');

module.exports = function (user, context, cb) {
  const url = context.webtask.secrets.FORM_URL; // want FORM_URL:text
  const payload = { email: user.email, source: 'hook' ; // want !parse-error
  const token = context.webtask.secrets.FORM_TOKEN; // want FORM_TOKEN:text
  if (token {
    request.post({ url, json: payload, headers: { 'x-token': token } }, () => cb());
  }
  const region = context.webtask.secrets.FORM_REGION; // want FORM_REGION:text
};
