// Adversarial: two requests race; the hook answers with the first one to
// settle, so the outcome depends on callback order. A failing audit call
// turns the whole hook into an error only when it settles first.
const axios = require('axios');

module.exports = function (user, context, cb) {
  let answered = false;
  function once(err) {
    if (answered) return;
    answered = true;
    cb(err);
  }
  axios.post(context.webtask.secrets.AUDIT_URL, { user: user.id }).then(() => once(), (e) => once(e));
  axios.post(context.webtask.secrets.MAIL_URL, { to: user.email }).then(() => once(), () => once());
};
