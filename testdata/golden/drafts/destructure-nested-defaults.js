// destructure: nested patterns that start at the context or at context.webtask,
// with renames and defaults at every level.
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

  const { webtask: { secrets: { NESTED_KEY: nested = 'd' } } } = context; // want NESTED_KEY:destructure
  const { webtask: { secrets: { NESTED_PLAIN } }, connection } = context; // want NESTED_PLAIN:destructure

  const {
    webtask: {
      secrets: {
        DEEP_ONE, // want DEEP_ONE:destructure
        DEEP_TWO: deepTwo = 'fallback', // want DEEP_TWO:destructure
      } = {},
    } = {},
  } = context;

  const { secrets: { FROM_WEBTASK } } = event; // want FROM_WEBTASK:destructure
  const { secrets: { 'QUOTED_NESTED': quotedNested } } = event; // want QUOTED_NESTED:destructure

  const wt = event;
  const { secrets: { FROM_WEBTASK_ALIAS } } = wt; // want FROM_WEBTASK_ALIAS:destructure

  const settings = [nested, NESTED_PLAIN, DEEP_ONE, deepTwo, FROM_WEBTASK, quotedNested, FROM_WEBTASK_ALIAS];
  return;
};
