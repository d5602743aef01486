// Imitates: an organisation sign-up gate from a public repository: metadata
// set on the user argument, which is returned; other emails denied with a
// bare string through the callback.
module.exports = function (user, context, cb) {
  const response = {};
  if (user.email && user.email.endsWith('@example.com')) {
    user.app_metadata = user.app_metadata || {};
    user.app_metadata.org = 'example';
    response.user = user;
    return cb(null, response);
  }
  return cb('Access denied.', null);
};
