module.exports = function (client, scope, audience, context, cb) {
  cb(null, { 'https://acme.example/tier': context.webtask.secrets.DEFAULT_TIER || 'basic' });
};
