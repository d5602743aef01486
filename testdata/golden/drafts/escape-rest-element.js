// secrets-object-escape: a rest element collects the remaining secrets (finding on
// the rest's line); the keys named beside it are still destructure usages.
exports.onExecutePostUserRegistration = async (event, api) => {
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

  const { PRIMARY_KEY, ...rest } = event.secrets; // want PRIMARY_KEY:destructure !secrets-object-escape

  const {
    SECONDARY_KEY, // want SECONDARY_KEY:destructure
    ...others // want !secrets-object-escape
  } = event.secrets;

  const { webtask: { secrets: { NESTED_KEY, ...nestedRest } } } = context; // want NESTED_KEY:destructure !secrets-object-escape

  // rest, others and nestedRest are left unused on purpose.
  return;
};
