// trigger post-change-password: three parameters, exported directly as an async
// arrow function: module.exports = async (user, context, cb) => { ... }.
const sgMail = require('@sendgrid/mail@7.4.0');

module.exports = async (user, context, cb) => {
  sgMail.setApiKey(context.webtask.secrets.SENDGRID_API_KEY); // want SENDGRID_API_KEY:member
  const { SECURITY_FROM = 'security@acme.example' } = context.webtask.secrets; // want SECURITY_FROM:destructure

  await sgMail
    .send({
      to: user.email,
      from: SECURITY_FROM,
      subject: 'Your password was changed',
      text: `Hi ${user.username || user.email}, your password was changed at ${user.last_password_reset}.`,
    })
    .catch((err) => console.log('notification failed: ' + err.message));
  cb();
};
