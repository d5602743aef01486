// A helper assigned without any declaration (an implicit global in sloppy
// mode) is followed like a declared one: passing the context to it is no
// escape, and the secrets it reads are found. So is an alias assigned so.
helper = (user, context) => context.webtask.secrets.HELPER_KEY; // want HELPER_KEY:helper

exports.onExecutePostUserRegistration = async (event, api) => {
  // The hook's user, rebuilt from the event with the fields the hook had: the code below uses it whole.
  // hooks2actions: the hook's user.id was the bare id, without the "auth0|" prefix; event.user.user_id is the full id (not confirmed by the docs), so the draft strips everything up to the first | to keep the hook's value
  let user = {
    id: event.user.user_id?.replace(/^[^|]*\|/, ''),
    tenant: event.tenant.id,
    username: event.user.username,
    email: event.user.email,
    emailVerified: event.user.email_verified,
    phoneNumber: event.user.phone_number,
    phoneNumberVerified: event.user.phone_verified,
    user_metadata: event.user.user_metadata,
    app_metadata: event.user.app_metadata,
  };
  // The hook's context, rebuilt from the event with the fields the hook had: the code below uses it whole.
  let context = {
    requestLanguage: event.request?.language,
    connection: {
      id: event.connection?.id,
      name: event.connection?.name,
      tenant: event.tenant.id,
    },
    webtask: {
      secrets: event.secrets,
    },
  };

  helper(user, context);
  secrets = event.secrets;
  return; // want API_TOKEN:alias
};
