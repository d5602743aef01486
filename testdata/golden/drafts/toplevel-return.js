// CommonJS: a top-level return is legal in Node (the module body is a function);
// the file still exports a hook, analysed as usual.
'use strict';
const axios = require('axios');

exports.onExecutePostUserRegistration = async (event, api) => {
  const url = event.secrets.ANALYTICS_URL; // want ANALYTICS_URL:member
  await axios.post(url, { event: 'signup', user: event.user.user_id }).catch(() => undefined);
  return;
};

if (typeof module.exports === 'function') {
  return;
}

throw new Error('hook export missing');
