// A helper assigned without any declaration (an implicit global in sloppy
// mode) is followed like a declared one: passing the context to it is no
// escape, and the secrets it reads are found. So is an alias assigned so.
helper = (user, context) => context.secrets.HELPER_KEY; // want HELPER_KEY:helper

exports.onExecutePostUserRegistration = async (event, api) => {
  helper(event.user, event);
  secrets = event.secrets;
  return; // want API_TOKEN:alias
};
