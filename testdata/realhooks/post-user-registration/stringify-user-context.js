// Imitates: a webhook relay that logs and forwards the user and the
// connection as JSON with the https module (the body is the whole user).
const https = require('https');

module.exports = function (user, context, cb) {
  console.log('registered: ' + JSON.stringify(user));
  const body = JSON.stringify({ user: user, connection: context.connection });
  const req = https.request(context.webtask.secrets.RELAY_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  }, function (res) {
    res.on('data', function () {});
    res.on('end', function () { cb(); });
  });
  req.on('error', function (err) { cb(err); });
  req.write(body);
  req.end();
};
