// helper: const arrow functions passed the context or context.webtask, and a
// nested helper whose parameter is itself named context and receives the context.
const axios = require('axios');

const slackUrl = (ctx) => ctx.webtask.secrets.SLACK_WEBHOOK_URL; // want SLACK_WEBHOOK_URL:helper

const authHeader = (webtask) => ({ Authorization: `Bearer ${webtask.secrets.API_TOKEN}` }); // want API_TOKEN:helper

const apiBase = function (c) {
  return c.webtask.secrets.API_BASE_URL; // want API_BASE_URL:helper
};

exports.onExecutePostUserRegistration = async (event, api) => {
  // The hook's context, rebuilt from the event with the fields the hook had: the code below uses it whole.
  let context = {
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

  function tenantName(context) {
    return context.webtask.secrets.TENANT_NAME; // want TENANT_NAME:helper
  }

  await axios.post(slackUrl(context), { text: `sign-up ${event.user.email} on ${tenantName(context)}` });
  await axios.get(`${apiBase(context)}/ping`, { headers: authHeader(event) });
  return;
};
