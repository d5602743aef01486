// Six parameters fit no hook trigger's signature: the context is not found.
exports.onExecutePostUserRegistration = async (event, api) => { // want !context-not-found
  // hooks2actions: context is not a parameter of a post-user-registration hook; an Action has no counterpart
  // hooks2actions: cb is not a parameter of a post-user-registration hook; an Action has no counterpart
  cb(null, context.webtask.secrets.API_KEY);
};
