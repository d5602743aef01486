// Imitates: a webhook hook spreading the whole user into its payload and
// sending it with got; errors are logged, never passed to cb.
const got = require('got');

module.exports = async function (user, context, cb) {
  const payload = { ...user, connection: context.connection.name, event: 'password_change' };
  try {
    await got.post(context.webtask.secrets.WEBHOOK_URL, { json: payload, responseType: 'json' });
  } catch (e) {
    console.error('webhook failed', e.message);
  }
  cb();
};
