// Imitates: gateway hooks that forward the MFA context (minus its secrets)
// as a JSON string inside a form-encoded body, via Object.assign and delete.
const request = require('request');
module.exports = function (recipient, text, context, cb) {
  const copy = Object.assign({}, context);
  delete copy.webtask;
  request.post({ url: context.webtask.secrets.SMS_URL, form: { to: recipient, msg: text, ctx: JSON.stringify(copy) } }, function (err) {
    cb(err);
  });
};
