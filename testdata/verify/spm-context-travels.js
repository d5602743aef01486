// send-phone-message
const axios = require('axios');
function payload(recipient, text, ctx) {
  return { to: recipient, body: ctx.message_type === 'voice' ? 'Code ' + ctx.code : text, lang: ctx.language || 'en', app: ctx.client && ctx.client.name };
}
module.exports = async function (recipient, text, context, cb) {
  try {
    const res = await axios.post(context.webtask.secrets.SMS_URL, payload(recipient, text, context));
    cb(null, { MessageID: res.data.id });
  } catch (err) {
    cb(err);
  }
};
