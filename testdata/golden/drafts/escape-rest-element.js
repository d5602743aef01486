// secrets-object-escape: a rest element collects the remaining secrets (finding on
// the rest's line); the keys named beside it are still destructure usages.
exports.onExecutePostUserRegistration = async (event, api) => {
  const { PRIMARY_KEY, ...rest } = event.secrets; // want PRIMARY_KEY:destructure !secrets-object-escape

  const {
    SECONDARY_KEY, // want SECONDARY_KEY:destructure
    ...others // want !secrets-object-escape
  } = event.secrets;

  const { secrets: { NESTED_KEY, ...nestedRest } } = event; // want NESTED_KEY:destructure !secrets-object-escape

  // rest, others and nestedRest are left unused on purpose.
  return;
};
