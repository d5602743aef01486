// helper: const arrow functions passed the context or context.webtask, and a
// nested helper whose parameter is itself named context and receives the context.
const axios = require('axios');

const slackUrl = (ctx) => ctx.secrets.SLACK_WEBHOOK_URL; // want SLACK_WEBHOOK_URL:helper

const authHeader = (webtask) => ({ Authorization: `Bearer ${webtask.secrets.API_TOKEN}` }); // want API_TOKEN:helper

const apiBase = function (c) {
  return c.secrets.API_BASE_URL; // want API_BASE_URL:helper
};

exports.onExecutePostUserRegistration = async (event, api) => {
  function tenantName(context) {
    return context.secrets.TENANT_NAME; // want TENANT_NAME:helper
  }

  await axios.post(slackUrl(event), { text: `sign-up ${event.user.email} on ${tenantName(event)}` });
  await axios.get(`${apiBase(event)}/ping`, { headers: authHeader(event) });
  return;
};
