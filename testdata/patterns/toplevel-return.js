// CommonJS: a top-level return is legal in Node (the module body is a function);
// the file still exports a hook, analysed as usual.
'use strict';
const axios = require('axios');

module.exports = async function (user, context, cb) {
  const url = context.webtask.secrets.ANALYTICS_URL; // want ANALYTICS_URL:member
  await axios.post(url, { event: 'signup', user: user.id }).catch(() => undefined);
  cb();
};

if (typeof module.exports === 'function') {
  return;
}

throw new Error('hook export missing');
