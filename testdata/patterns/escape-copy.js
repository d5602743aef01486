// secrets-object-escape: the secrets object is copied or serialised with object
// spread, Object.assign or JSON.stringify.
const crypto = require('crypto');

module.exports = async function (user, context, cb) {
  const copy = { ...context.webtask.secrets }; // want !secrets-object-escape
  const merged = Object.assign({}, context.webtask.secrets, { source: 'hook' }); // want !secrets-object-escape
  const json = JSON.stringify(context.webtask.secrets); // want !secrets-object-escape

  const s = context.webtask.secrets;
  const withDefaults = { REGION: 'eu', ...s }; // want !secrets-object-escape

  // copy, merged and withDefaults are never read back; the escape is the copy itself.
  const fingerprint = crypto.createHash('sha256').update(json).digest('hex');
  cb(null, { user: { app_metadata: { fingerprint } } });
};
