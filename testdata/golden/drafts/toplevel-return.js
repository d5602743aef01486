// CommonJS: a top-level return is legal in Node (the module body is a function);
// the file still exports a hook, analysed as usual.
'use strict';
const axios = require('axios');

exports.onExecutePostUserRegistration = async (event, api) => {
  const url = event.secrets.ANALYTICS_URL; // want ANALYTICS_URL:member
  // hooks2actions: the hook's user.id was the bare id, without the "auth0|" prefix; event.user.user_id is the full id (not confirmed by the docs), so the draft strips everything up to the first | to keep the hook's value
  await axios.post(url, { event: 'signup', user: event.user.user_id?.replace(/^[^|]*\|/, '') }).catch(() => undefined);
  return;
};

if (typeof exports.onExecutePostUserRegistration === 'function') {
  return;
}

throw new Error('hook export missing');
