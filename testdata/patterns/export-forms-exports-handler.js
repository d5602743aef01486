// export form: exports.handler = async function (...) instead of module.exports.
const axios = require('axios');

exports.handler = async function (user, context, cb) {
  const { SEGMENT_WRITE_KEY } = context.webtask.secrets; // want SEGMENT_WRITE_KEY:destructure
  await axios.post(
    'https://api.segment.io/v1/track',
    { userId: user.id, event: 'Password Changed' },
    { auth: { username: SEGMENT_WRITE_KEY, password: '' } }
  );
  cb();
};
