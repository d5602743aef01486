// helper: reads inside same-file function declarations passed the secrets or
// context.webtask: declared before use, after use (hoisting), nested in the
// hook, with the secrets as a later argument, and passed through an alias.
const sgMail = require('@sendgrid/mail');
const axios = require('axios');

function configureMail(secrets) {
  sgMail.setApiKey(secrets.SENDGRID_API_KEY); // want SENDGRID_API_KEY:helper
}

exports.onExecutePostUserRegistration = async (event, api) => {
  configureMail(event.secrets);
  const msg = buildMessage(event.user, event.secrets);

  const secrets = event.secrets;
  audit(secrets, 'welcome-sent');
  trace(event);

  await sgMail
    .send(msg)
    .then(() => undefined)
    .catch(() => undefined);

  function trace(wt) {
    axios.post(wt.secrets.TRACE_URL, { user: event.user.user_id }).catch(() => undefined); // want TRACE_URL:helper
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
