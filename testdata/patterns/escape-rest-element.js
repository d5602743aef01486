// secrets-object-escape: a rest element collects the remaining secrets (finding on
// the rest's line); the keys named beside it are still destructure usages.
module.exports = function (user, context, cb) {
  const { PRIMARY_KEY, ...rest } = context.webtask.secrets; // want PRIMARY_KEY:destructure !secrets-object-escape

  const {
    SECONDARY_KEY, // want SECONDARY_KEY:destructure
    ...others // want !secrets-object-escape
  } = context.webtask.secrets;

  const { webtask: { secrets: { NESTED_KEY, ...nestedRest } } } = context; // want NESTED_KEY:destructure !secrets-object-escape

  // rest, others and nestedRest are left unused on purpose.
  cb(null, { user: { app_metadata: { ok: Boolean(PRIMARY_KEY && SECONDARY_KEY && NESTED_KEY) } } });
};
