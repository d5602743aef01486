// Imitates: the request module posting the new user to a marketing list
// with basic auth built from two secrets, user and password, and the
// callback called whatever the answer.
var request = require('request');

module.exports = function (user, context, cb) {
  var auth = Buffer.from(context.webtask.secrets.LIST_USER + ':' + context.webtask.secrets.LIST_PASSWORD).toString('base64');
  request.post({
    url: 'https://lists.example.com/api/subscribers',
    headers: { Authorization: 'Basic ' + auth },
    json: { email: user.email, id: user.id, connection: context.connection.name }
  }, function (err, res) {
    if (err || res.statusCode >= 400) {
      console.log('subscribe failed');
    }
    cb();
  });
};
