// bracket: secrets read with a literal key in brackets (single, double and
// backtick quotes), on the context path and on a local alias of the secrets.
const sgMail = require('@sendgrid/mail');

module.exports = function (user, context, cb) {
  const apiKey = context.webtask.secrets['SENDGRID_API_KEY']; // want SENDGRID_API_KEY:bracket
  const from = context.webtask.secrets["MAIL_FROM"]; // want MAIL_FROM:bracket
  const templateId = context.webtask.secrets[`WELCOME_TEMPLATE`]; // want WELCOME_TEMPLATE:bracket

  const secrets = context.webtask.secrets;
  const replyTo = secrets['REPLY_TO']; // want REPLY_TO:bracket
  const bcc = secrets["AUDIT_BCC"]; // want AUDIT_BCC:bracket
  const category = secrets[`MAIL_CATEGORY`]; // want MAIL_CATEGORY:bracket

  sgMail.setApiKey(apiKey);
  sgMail
    .send({ to: user.email, from, replyTo, bcc, templateId, categories: [category] })
    .then(() => cb())
    .catch(() => cb());
};
