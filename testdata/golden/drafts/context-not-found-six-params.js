// Six parameters fit no hook trigger's signature: the context is not found.
exports.onExecutePostUserRegistration = async (event, api) => { // want !context-not-found
  return event.secrets.API_KEY;
};
