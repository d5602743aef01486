// alias: the secrets object itself pulled out by destructuring (shorthand,
// renamed, nested from the context), then .KEY on that local.
module.exports = async function (user, context, cb) {
  const { secrets } = context.webtask;
  const a = secrets.SHORTHAND_SECRETS_KEY; // want SHORTHAND_SECRETS_KEY:alias

  const { secrets: s } = context.webtask;
  const b = s.RENAMED_SECRETS_KEY; // want RENAMED_SECRETS_KEY:alias

  const { webtask: { secrets: deep } } = context;
  const c = deep.NESTED_SECRETS_KEY; // want NESTED_SECRETS_KEY:alias

  cb(null, { user: { app_metadata: { configured: Boolean(a && b && c) } } });
};
