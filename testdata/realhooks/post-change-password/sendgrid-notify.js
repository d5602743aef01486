// Imitates: the Auth0 docs Post Change Password sample: tell the user by
// email (SendGrid v3 through request.post) that the password changed.
module.exports = function (user, context, cb) {
  const request = require('request');
  // https://sendgrid.api-docs.io/v3.0/mail-send
  request.post({
    url: 'https://api.sendgrid.com/v3/mail/send',
    headers: { Authorization: 'Bearer ' + context.webtask.secrets.SENDGRID_API_KEY },
    json: {
      personalizations: [{ to: [{ email: user.email }] }],
      from: { email: 'admin@example.com' },
      subject: 'Your password was changed',
      content: [{ type: 'text/plain', value: 'The password for your ' + context.connection.name + ' account ' + user.email + ' was recently changed.' }],
    },
  }, function (err, resp, body) {
    if (err) return cb(err);
    if (resp.statusCode >= 300) return cb(new Error('sendgrid: ' + resp.statusCode));
    cb();
  });
};
