// bracket: secrets read with a literal key in brackets (single, double and
// backtick quotes), on the context path and on a local alias of the secrets.
const sgMail = require('@sendgrid/mail');

exports.onExecutePostUserRegistration = async (event, api) => {
  const apiKey = event.secrets['SENDGRID_API_KEY']; // want SENDGRID_API_KEY:bracket
  const from = event.secrets["MAIL_FROM"]; // want MAIL_FROM:bracket
  const templateId = event.secrets[`WELCOME_TEMPLATE`]; // want WELCOME_TEMPLATE:bracket

  const secrets = event.secrets;
  const replyTo = secrets['REPLY_TO']; // want REPLY_TO:bracket
  const bcc = secrets["AUDIT_BCC"]; // want AUDIT_BCC:bracket
  const category = secrets[`MAIL_CATEGORY`]; // want MAIL_CATEGORY:bracket

  sgMail.setApiKey(apiKey);
  await sgMail
    .send({ to: event.user.email, from, replyTo, bcc, templateId, categories: [category] })
    .then(() => undefined)
    .catch(() => undefined);
};
