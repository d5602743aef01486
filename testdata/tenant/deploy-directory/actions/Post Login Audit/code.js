const axios = require('axios');

exports.onExecutePostLogin = async (event, api) => {
  await axios.post(event.secrets.AUDIT_URL, { type: 'login', user_id: event.user.user_id }, { timeout: 2000 });
};
