const _ = require('lodash@4.17.21');

module.exports = function (client, scope, audience, context, cb) {
  cb(null, _.pick({ 'https://acme.example/token': context.webtask.secrets.CLAIMS_API_TOKEN }, ['https://acme.example/token']));
};
