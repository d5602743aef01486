// secrets-object-escape: the secrets, context.webtask or the whole context is
// passed to code that is not defined in this file.
const axios = require('axios');
const configure = require('@acme/hook-config');
const logger = require('pino')();

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

  configure(event.secrets); // want !secrets-object-escape
  axios.post('https://debug.example.com/dump', event.secrets).catch(() => undefined); // want !secrets-object-escape
  console.log(context); // want !secrets-object-escape

  const wt = event;
  logger.info(wt); // want !secrets-object-escape

  const token = event.secrets.DEBUG_TOKEN; // want DEBUG_TOKEN:member
  return;
};
