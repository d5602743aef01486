// destructure: nested patterns that start at the context or at context.webtask,
// with renames and defaults at every level.
module.exports = async function (user, context, cb) {
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

  const { secrets: { FROM_WEBTASK } } = context.webtask; // want FROM_WEBTASK:destructure
  const { secrets: { 'QUOTED_NESTED': quotedNested } } = context.webtask; // want QUOTED_NESTED:destructure

  const wt = context.webtask;
  const { secrets: { FROM_WEBTASK_ALIAS } } = wt; // want FROM_WEBTASK_ALIAS:destructure

  const settings = [nested, NESTED_PLAIN, DEEP_ONE, deepTwo, FROM_WEBTASK, quotedNested, FROM_WEBTASK_ALIAS];
  cb(null, { user: { app_metadata: { connection: connection.name, settings: settings.length } } });
};
