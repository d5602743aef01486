// secrets-object-escape: the secrets object is copied or serialised with object
// spread, Object.assign or JSON.stringify.
const crypto = require('crypto');

exports.onExecutePostUserRegistration = async (event, api) => {
  const copy = { ...event.secrets }; // want !secrets-object-escape
  const merged = Object.assign({}, event.secrets, { source: 'hook' }); // want !secrets-object-escape
  const json = JSON.stringify(event.secrets); // want !secrets-object-escape

  const s = event.secrets;
  const withDefaults = { REGION: 'eu', ...s }; // want !secrets-object-escape

  // copy, merged and withDefaults are never read back; the escape is the copy itself.
  const fingerprint = crypto.createHash('sha256').update(json).digest('hex');
  return;
};
