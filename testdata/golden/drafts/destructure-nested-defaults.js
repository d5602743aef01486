// destructure: nested patterns that start at the context or at context.webtask,
// with renames and defaults at every level.
exports.onExecutePostUserRegistration = async (event, api) => {
  const { secrets: { NESTED_KEY: nested = 'd' } } = event; // want NESTED_KEY:destructure
  const { secrets: { NESTED_PLAIN } , connection } = event; // want NESTED_PLAIN:destructure

  const {
    secrets: {
        DEEP_ONE, // want DEEP_ONE:destructure
        DEEP_TWO: deepTwo = 'fallback', // want DEEP_TWO:destructure
      } = {},
  } = event;

  const { secrets: { FROM_WEBTASK } } = event; // want FROM_WEBTASK:destructure
  const { secrets: { 'QUOTED_NESTED': quotedNested } } = event; // want QUOTED_NESTED:destructure

  const wt = event;
  const { secrets: { FROM_WEBTASK_ALIAS } } = wt; // want FROM_WEBTASK_ALIAS:destructure

  const settings = [nested, NESTED_PLAIN, DEEP_ONE, deepTwo, FROM_WEBTASK, quotedNested, FROM_WEBTASK_ALIAS];
  return;
};
