/**
 * Pre User Registration: invite-only sign-up.
 *
 * The invitation service says whether the email was invited and to which
 * organisation; the organisation goes in the new user's metadata.
 */
const request = require('request@2.88.2');

module.exports = function (user, context, callback) {
  if (!user.email) {
    return callback(new PreUserRegistrationError('sign-up without email', 'An email address is required.'));
  }

  request.get(
    {
      url: context.webtask.secrets.INVITES_URL + '/invites',
      qs: { email: user.email },
      headers: { authorization: 'Bearer ' + context.webtask.secrets.INVITES_TOKEN },
      json: true,
    },
    function (err, response, body) {
      if (err) return callback(err);
      if (response.statusCode === 404) {
        return callback(new PreUserRegistrationError('no invitation for ' + user.email, 'Sign-up is by invitation only.'));
      }
      user.user_metadata = user.user_metadata || {};
      user.user_metadata.invited_by = body.inviter;
      user.app_metadata = user.app_metadata || {};
      user.app_metadata.org_id = body.org_id;
      callback(null, { user: user });
    }
  );
};
