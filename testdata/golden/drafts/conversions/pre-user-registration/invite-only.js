/**
 * Pre User Registration: invite-only sign-up.
 *
 * The invitation service says whether the email was invited and to which
 * organisation; the organisation goes in the new user's metadata.
 */
const request = require('request');

// The hooks runtime's error classes, which this code still uses: Actions do not have them.
class PreUserRegistrationError extends Error {
  constructor(message, userMessage) {
    super(message);
    this.name = 'PreUserRegistrationError';
    this.userMessage = userMessage;
  }
}

exports.onExecutePreUserRegistration = async (event, api) => {
  // The hook's user, rebuilt from the event with the fields the hook had: the code below uses it whole.
  let user = {
    tenant: event.tenant.id,
    username: event.user.username,
    email: event.user.email,
    phoneNumber: event.user.phone_number,
    user_metadata: event.user.user_metadata,
    app_metadata: event.user.app_metadata,
  };
  return new Promise((resolve, reject) => {
    // The hook's callback, kept as a function: calling it does what the hook's runtime did, then settles this promise.
    let answered = false;
    const callback = (err, response) => {
      // The hooks runtime kept the first answer and ignored any later call.
      if (answered) return;
      answered = true;
      if (err) {
        api.access.deny(err?.message ?? String(err), err?.userMessage);
      } else {
        // The hook's response set the new user's metadata.
        for (const [key, value] of Object.entries(response?.user?.user_metadata ?? {})) api.user.setUserMetadata(key, value);
        for (const [key, value] of Object.entries(response?.user?.app_metadata ?? {})) api.user.setAppMetadata(key, value);
      }
      resolve();
    };

  if (!user.email) {
    return callback(new PreUserRegistrationError('sign-up without email', 'An email address is required.'));
  }

  request.get(
    {
      url: event.secrets.INVITES_URL + '/invites',
      qs: { email: user.email },
      headers: { authorization: 'Bearer ' + event.secrets.INVITES_TOKEN },
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
  });
};
