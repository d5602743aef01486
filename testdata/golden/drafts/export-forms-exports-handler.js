// export form: exports.handler = async function (...) instead of module.exports.
const axios = require('axios');

exports.onExecutePostUserRegistration = async (event, api) => {
  const { SEGMENT_WRITE_KEY } = event.secrets; // want SEGMENT_WRITE_KEY:destructure
  await axios.post(
    'https://api.segment.io/v1/track',
    { userId: event.user.user_id, event: 'Password Changed' },
    { auth: { username: SEGMENT_WRITE_KEY, password: '' } }
  );
  return;
};
