// helper: reads inside same-file function declarations passed the secrets or
// context.webtask: declared before use, after use (hoisting), nested in the
// hook, with the secrets as a later argument, and passed through an alias.
const sgMail = require('@sendgrid/mail');
const axios = require('axios');

function configureMail(secrets) {
  sgMail.setApiKey(secrets.SENDGRID_API_KEY); // want SENDGRID_API_KEY:helper
}

exports.onExecutePostUserRegistration = async (event, api) => {
  // The hook's user, rebuilt from the event with the fields the hook had: the code below uses it whole.
  // hooks2actions: the hook's user.id was the bare id, without the "auth0|" prefix; event.user.user_id is the full id (not confirmed by the docs), so the draft strips everything up to the first | to keep the hook's value
  let user = {
    id: event.user.user_id?.replace(/^[^|]*\|/, ''),
    tenant: event.tenant.id,
    username: event.user.username,
    email: event.user.email,
    emailVerified: event.user.email_verified,
    phoneNumber: event.user.phone_number,
    phoneNumberVerified: event.user.phone_verified,
    user_metadata: event.user.user_metadata,
    app_metadata: event.user.app_metadata,
  };

  configureMail(event.secrets);
  const msg = buildMessage(user, event.secrets);

  const secrets = event.secrets;
  audit(secrets, 'welcome-sent');
  trace(event);

  await sgMail
    .send(msg)
    .then(() => undefined)
    .catch(() => undefined);

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

function audit(secrets, hookEvent) {
  return axios.post(secrets.AUDIT_URL, { event: hookEvent }).catch(() => undefined); // want AUDIT_URL:helper
}
