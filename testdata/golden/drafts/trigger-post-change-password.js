// trigger post-change-password: three parameters, exported directly as an async
// arrow function: module.exports = async (user, context, cb) => { ... }.
const sgMail = require('@sendgrid/mail');

exports.onExecutePostUserRegistration = async (event, api) => {
  sgMail.setApiKey(event.secrets.SENDGRID_API_KEY); // want SENDGRID_API_KEY:member
  const { SECURITY_FROM = 'security@acme.example' } = event.secrets; // want SECURITY_FROM:destructure

  await sgMail
    .send({
      to: event.user.email,
      from: SECURITY_FROM,
      subject: 'Your password was changed',
      // hooks2actions: user.last_password_reset has no documented field on the Action's event
      text: `Hi ${event.user.username || event.user.email}, your password was changed at ${event.user.last_password_reset}.`,
    })
    .catch((err) => console.log('notification failed: ' + err.message));
  return;
};
