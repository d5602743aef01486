// Imitates: the Auth0 docs starter code for Pre User Registration: the user
// argument is passed back as response.user after metadata is set on it.
module.exports = function (user, context, cb) {
  var response = {};
  response.user = user;
  // Add user or app metadata to the newly created user
  response.user.user_metadata = { foo: 'bar' };
  response.user.app_metadata = { vip: true, score: 7 };
  cb(null, response);
};
