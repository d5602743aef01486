// classes: a same-file class constructed with the secrets (reads of the constructor
// parameter are helper usages), and a class declared inside the hook whose field
// initializers and methods close over the hook's context (member usages).
const axios = require('axios');

class AuditClient {
  constructor(secrets) {
    this.url = secrets.AUDIT_URL; // want AUDIT_URL:helper
    this.token = secrets['AUDIT_TOKEN']; // want AUDIT_TOKEN:helper
  }

  send(hookEvent) {
    return axios.post(this.url, hookEvent, { headers: { Authorization: `Bearer ${this.token}` } });
  }
}

exports.onExecutePostUserRegistration = async (event, api) => {
  class Throttle {
    limit = Number(event.secrets.AUDIT_RATE_LIMIT); // want AUDIT_RATE_LIMIT:member
    static region = event.secrets.AUDIT_REGION; // want AUDIT_REGION:member

    allow(count) {
      return count < this.limit && event.secrets.AUDIT_ENABLED !== 'false'; // want AUDIT_ENABLED:member
    }
  }

  const client = new AuditClient(event.secrets);
  if (new Throttle().allow(1)) {
    // hooks2actions: the hook's user.id was the bare id, without the "auth0|" prefix; event.user.user_id is the full id (not confirmed by the docs), so the draft strips everything up to the first | to keep the hook's value
    await client.send({ type: 'password_change', user: event.user.user_id?.replace(/^[^|]*\|/, ''), region: Throttle.region });
  }
  return;
};
