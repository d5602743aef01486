// member: reads of the hook's own context.webtask.secrets inside closures: promise
// callbacks, timers, array callbacks, nested functions and default parameter values.
const axios = require('axios@0.21.1');

module.exports = function (user, context, cb) {
  function send(payload, key = context.webtask.secrets.WEBHOOK_KEY) { // want WEBHOOK_KEY:member
    return axios.post('https://hooks.example.com/in', payload, { headers: { 'x-key': key } });
  }

  const retry = (fn, delay = Number(context.webtask.secrets.RETRY_DELAY_MS)) => // want RETRY_DELAY_MS:member
    new Promise((resolve) => setTimeout(() => resolve(fn()), delay));

  function buildHeaders() {
    return { 'x-tenant': context.webtask.secrets.TENANT_HEADER }; // want TENANT_HEADER:member
  }

  send({ id: user.id })
    .then(() => axios.get(context.webtask.secrets.STATUS_URL, { headers: buildHeaders() })) // want STATUS_URL:member
    .then((res) => {
      const token = context.webtask.secrets.STATUS_TOKEN; // want STATUS_TOKEN:member
      return res.data.ok ? null : retry(() => send({ id: user.id, token }));
    })
    .catch(() => undefined);

  setTimeout(function () {
    const flag = context.webtask.secrets.LATE_FLAG; // want LATE_FLAG:member
    if (flag === 'on') send({ id: user.id, late: true });
  }, 10);

  ['primary', 'backup'].forEach((suffix) => {
    const target = context.webtask.secrets.EACH_BASE_URL + '/' + suffix; // want EACH_BASE_URL:member
    axios.head(target).catch(() => undefined);
  });

  cb();
};
