// export form: exports.handler = async function (...) instead of module.exports.
const axios = require('axios');

exports.onExecutePostUserRegistration = async (event, api) => {
  const { SEGMENT_WRITE_KEY } = event.secrets; // want SEGMENT_WRITE_KEY:destructure
  await axios.post(
    'https://api.segment.io/v1/track',
    // hooks2actions: the hook's user.id was the bare id, without the "auth0|" prefix; event.user.user_id is the full id (not confirmed by the docs), so the draft strips everything up to the first | to keep the hook's value
    { userId: event.user.user_id?.replace(/^[^|]*\|/, ''), event: 'Password Changed' },
    { auth: { username: SEGMENT_WRITE_KEY, password: '' } }
  );
  return;
};
