// pre-user-registration
// The hook answers, then goes on: an audit request after the callback, a
// callback in a loop without return. The draft must still send the audit
// and answer with the first call only.
const axios = require('axios');

module.exports = function (user, context, cb) {
  for (const word of ['admin', 'root', 'jdoe']) {
    if (user.username === word) cb(new PreUserRegistrationError('reserved: ' + word, 'Pick another username'));
  }
  cb(null, { user: { app_metadata: { checked: true } } });
  axios.post('https://audit.example.com/signups', { email: user.email });
};
