// destructure: the hook's own context parameter is an object pattern that reaches
// into webtask.secrets; every key in it is a destructure usage.
const axios = require('axios');

exports.onExecutePostUserRegistration = async (event, api) => {
  const {
    webtask: {
      secrets: {
        CRM_URL, // want CRM_URL:destructure
        CRM_TOKEN: token = '', // want CRM_TOKEN:destructure
        'CRM_PIPELINE': pipeline, // want CRM_PIPELINE:destructure
      },
    },
    connection,
  } = {
    requestLanguage: event.request?.language,
    connection: {
      id: event.connection?.id,
      name: event.connection?.name,
      tenant: event.tenant.id,
    },
    webtask: {
      secrets: event.secrets,
    },
  };

  await axios.post(
    `${CRM_URL}/contacts`,
    { email: event.user.email, source: connection.name, pipeline },
    { headers: { Authorization: `Token ${token}` } }
  );
  return;
};
