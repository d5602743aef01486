// helper: reads inside same-file function declarations passed the secrets or
// context.webtask: declared before use, after use (hoisting), nested in the
// hook, with the secrets as a later argument, and passed through an alias.
const sgMail = require('@sendgrid/mail');
const axios = require('axios');

function configureMail(secrets) {
  sgMail.setApiKey(secrets.SENDGRID_API_KEY); // want SENDGRID_API_KEY:helper
}

module.exports = function (user, context, cb) {
  configureMail(context.webtask.secrets);
  const msg = buildMessage(user, context.webtask.secrets);

  const secrets = context.webtask.secrets;
  audit(secrets, 'welcome-sent');
  trace(context.webtask);

  sgMail
    .send(msg)
    .then(() => cb())
    .catch(() => cb());

  function trace(wt) {
    axios.post(wt.secrets.TRACE_URL, { user: user.id }).catch(() => undefined); // want TRACE_URL:helper
  }
};

function buildMessage(user, s) {
  return {
    to: user.email,
    from: s.MAIL_FROM, // want MAIL_FROM:helper
    templateId: s.WELCOME_TEMPLATE_ID, // want WELCOME_TEMPLATE_ID:helper
  };
}

function audit(secrets, event) {
  return axios.post(secrets.AUDIT_URL, { event }).catch(() => undefined); // want AUDIT_URL:helper
}
