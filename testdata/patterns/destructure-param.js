// destructure: the hook's own context parameter is an object pattern that reaches
// into webtask.secrets; every key in it is a destructure usage.
const axios = require('axios');

module.exports = async (
  user,
  {
    webtask: {
      secrets: {
        CRM_URL, // want CRM_URL:destructure
        CRM_TOKEN: token = '', // want CRM_TOKEN:destructure
        'CRM_PIPELINE': pipeline, // want CRM_PIPELINE:destructure
      },
    },
    connection,
  },
  cb
) => {
  await axios.post(
    `${CRM_URL}/contacts`,
    { email: user.email, source: connection.name, pipeline },
    { headers: { Authorization: `Token ${token}` } }
  );
  cb();
};
