// Imitates: welcome emails sent through SendGrid's v3 API with request.post
// and a bearer key from the hook's secrets; a failure goes to cb.
module.exports = function (user, context, cb) {
  const request = require('request');
  request.post({
    url: 'https://api.sendgrid.com/v3/mail/send',
    headers: { Authorization: 'Bearer ' + context.webtask.secrets.SENDGRID_API_KEY },
    json: {
      personalizations: [{ to: [{ email: user.email }] }],
      from: { email: 'welcome@example.com' },
      subject: 'Welcome!',
      content: [{ type: 'text/plain', value: 'Welcome to ' + context.connection.tenant + ', ' + (user.username || user.email) }],
    },
  }, function (err, resp) {
    if (err) return cb(err);
    if (resp.statusCode >= 400) return cb(new Error('sendgrid answered ' + resp.statusCode));
    cb();
  });
};
