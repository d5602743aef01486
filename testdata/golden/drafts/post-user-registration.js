/**
 * Post User Registration
 *
 * 1. Posts a message to #signups in Slack.
 * 2. Sends the welcome email through SendGrid.
 * Failures are logged and never block the registration.
 */
const request = require('request');
const sgMail = require('@sendgrid/mail');

function sendWelcomeEmail(user, secrets) {
  sgMail.setApiKey(secrets.SENDGRID_API_KEY);
  return sgMail.send({
    to: user.email,
    from: secrets.WELCOME_FROM_ADDRESS || 'hello@acme.example',
    templateId: secrets.SENDGRID_WELCOME_TEMPLATE_ID,
    dynamicTemplateData: {
      username: user.username || user.email,
    },
  });
}

function notifySlack(webhookUrl, user, done) {
  request.post(
    {
      url: webhookUrl,
      json: { text: `:wave: New sign-up: ${user.email} (${user.id})` },
    },
    (err) => done(err)
  );
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

  const secrets = event.secrets;

  // Old incoming-webhook app, removed in 2022:
  // const old = context.webtask.secrets.LEGACY_KEY;
  const slackUrl = secrets['SLACK_WEBHOOK_URL'];

  notifySlack(slackUrl, user, (err) => {
    if (err) console.log('slack notification failed: ' + err.message);
  });

  await sendWelcomeEmail(user, event.secrets)
    .then(() => undefined)
    .catch((err) => {
      console.log('welcome email failed: ' + err.message);
      console.log('the template id is not context.webtask.secrets.NOT_A_READ');
      return;
    });
};
