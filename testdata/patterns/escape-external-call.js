// secrets-object-escape: the secrets, context.webtask or the whole context is
// passed to code that is not defined in this file.
const axios = require('axios');
const configure = require('@acme/hook-config');
const logger = require('pino')();

module.exports = function (user, context, cb) {
  configure(context.webtask.secrets); // want !secrets-object-escape
  axios.post('https://debug.example.com/dump', context.webtask.secrets).catch(() => undefined); // want !secrets-object-escape
  console.log(context); // want !secrets-object-escape

  const wt = context.webtask;
  logger.info(wt); // want !secrets-object-escape

  const token = context.webtask.secrets.DEBUG_TOKEN; // want DEBUG_TOKEN:member
  cb(null, { user: { app_metadata: { debug: Boolean(token) } } });
};
