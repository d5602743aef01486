// member: reads of the hook's own context.webtask.secrets inside closures: promise
// callbacks, timers, array callbacks, nested functions and default parameter values.
const axios = require('axios');

exports.onExecutePostUserRegistration = async (event, api) => {
  function send(payload, key = event.secrets.WEBHOOK_KEY) { // want WEBHOOK_KEY:member
    return axios.post('https://hooks.example.com/in', payload, { headers: { 'x-key': key } });
  }

  const retry = (fn, delay = Number(event.secrets.RETRY_DELAY_MS)) => // want RETRY_DELAY_MS:member
    new Promise((resolve) => setTimeout(() => resolve(fn()), delay));

  function buildHeaders() {
    return { 'x-tenant': event.secrets.TENANT_HEADER }; // want TENANT_HEADER:member
  }

  // hooks2actions: the hook's user.id was the bare id, without the "auth0|" prefix; event.user.user_id is the full id (not confirmed by the docs), so the draft strips everything up to the first | to keep the hook's value
  send({ id: event.user.user_id?.replace(/^[^|]*\|/, '') })
    .then(() => axios.get(event.secrets.STATUS_URL, { headers: buildHeaders() })) // want STATUS_URL:member
    .then((res) => {
      const token = event.secrets.STATUS_TOKEN; // want STATUS_TOKEN:member
      // hooks2actions: the hook's user.id was the bare id, without the "auth0|" prefix; event.user.user_id is the full id (not confirmed by the docs), so the draft strips everything up to the first | to keep the hook's value
      return res.data.ok ? null : retry(() => send({ id: event.user.user_id?.replace(/^[^|]*\|/, ''), token }));
    })
    .catch(() => undefined);

  setTimeout(function () {
    const flag = event.secrets.LATE_FLAG; // want LATE_FLAG:member
    // hooks2actions: the hook's user.id was the bare id, without the "auth0|" prefix; event.user.user_id is the full id (not confirmed by the docs), so the draft strips everything up to the first | to keep the hook's value
    if (flag === 'on') send({ id: event.user.user_id?.replace(/^[^|]*\|/, ''), late: true });
  }, 10);

  ['primary', 'backup'].forEach((suffix) => {
    const target = event.secrets.EACH_BASE_URL + '/' + suffix; // want EACH_BASE_URL:member
    axios.head(target).catch(() => undefined);
  });

  return;
};
