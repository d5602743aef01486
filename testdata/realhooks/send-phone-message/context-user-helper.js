// Imitates: a hook that hands recipient, text, context and cb whole to a
// helper, which reads user and request fields (user_id, email, ip,
// user_agent) for a fraud-check header.
const request = require('request');

function send(recipient, text, context, cb) {
  const u = context.user || {};
  request.post({
    url: context.webtask.secrets.SMS_API_URL,
    json: {
      to: recipient,
      text: text,
      user: u.user_id,
      email: u.email,
      ip: context.ip,
      agent: context.user_agent,
      client: context.client.client_id,
    },
  }, function (err, res, body) {
    if (err) return cb(err);
    cb(null, { MessageID: body && body.id });
  });
}

module.exports = function (recipient, text, context, cb) {
  send(recipient, text, context, cb);
};
