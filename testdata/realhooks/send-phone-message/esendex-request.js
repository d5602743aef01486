// Imitates: the Auth0 docs Esendex guide: request with basic auth from
// secrets, an XML-free JSON body, the provider's id passed back.
module.exports = function (recipient, text, context, cb) {
  const request = require('request');
  const options = {
    method: 'POST',
    url: 'https://api.esendex.example/v1.0/messagedispatcher',
    auth: { user: context.webtask.secrets.ESENDEX_USERNAME, pass: context.webtask.secrets.ESENDEX_PASSWORD },
    json: {
      accountreference: context.webtask.secrets.ESENDEX_ACCOUNT_REFERENCE,
      messages: [{ to: recipient, body: text }],
    },
  };
  request(options, function (error, response, body) {
    if (error) return cb(error);
    if (response.statusCode !== 200) return cb(new Error('esendex: ' + response.statusCode));
    cb(null, { MessageID: body && body.batch ? body.batch.batchid : undefined });
  });
};
