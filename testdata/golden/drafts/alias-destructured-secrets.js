// alias: the secrets object itself pulled out by destructuring (shorthand,
// renamed, nested from the context), then .KEY on that local.
exports.onExecutePostUserRegistration = async (event, api) => {
  const { secrets } = event;
  const a = secrets.SHORTHAND_SECRETS_KEY; // want SHORTHAND_SECRETS_KEY:alias

  const { secrets: s } = event;
  const b = s.RENAMED_SECRETS_KEY; // want RENAMED_SECRETS_KEY:alias

  const { secrets: deep } = event;
  const c = deep.NESTED_SECRETS_KEY; // want NESTED_SECRETS_KEY:alias

  return;
};
