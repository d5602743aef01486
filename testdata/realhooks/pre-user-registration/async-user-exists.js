// Imitates: an async hook asking a back end whether the email is taken
// (axios, bearer token from a secret) and denying with
// PreUserRegistrationError; a failed lookup denies too.
const axios = require('axios');

async function findUserByEmail(email, secrets) {
  try {
    const res = await axios.get(secrets.API_BASE_URL + '/users', {
      params: { email },
      headers: { Authorization: 'Bearer ' + secrets.API_TOKEN },
    });
    return res.data && res.data.exists === true;
  } catch (error) {
    if (error.response && error.response.status === 404) return false;
    return undefined;
  }
}

module.exports = async function (user, context, cb) {
  var response = {};
  response.user = user;
  const present = await findUserByEmail(user.email, context.webtask.secrets);
  if (present === undefined) {
    return cb(new PreUserRegistrationError('Denied user registration in Pre User Registration Hook', '500 Internal Server Error Please Try again later'));
  } else if (present) {
    return cb(new PreUserRegistrationError('Denied user registration in Pre User Registration Hook', 'User already exists'));
  }
  cb(null, response);
};
