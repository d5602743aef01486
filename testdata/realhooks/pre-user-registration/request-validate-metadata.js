// Imitates: a conference-registration check with request.post and a
// callback: a transport error denies, a negative answer denies unless the
// sign-up carries a flag, success returns literal metadata.
module.exports = function (user, context, cb) {
  const request = require('request');
  request.post({
    url: context.webtask.secrets.REGISTRY_URL + '/validate?email=' + encodeURIComponent(user.email),
  }, (err, response, body) => {
    if (err) {
      return cb(new PreUserRegistrationError('Registry unreachable for ' + user.email, 'Please try again later.'));
    }
    const res = JSON.parse(body || '{}');
    if (res.error && !(user.user_metadata && user.user_metadata.plan)) {
      return cb(new PreUserRegistrationError('Denied sign up for ' + user.email, 'You must register first.'));
    }
    var ok = {};
    ok.user = {
      user_metadata: { approval: 'registry check' },
      app_metadata: { registry_id: res.id || null },
    };
    cb(null, ok);
  });
};
