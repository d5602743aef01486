// alias: the secrets object itself pulled out by destructuring (shorthand,
// renamed, nested from the context), then .KEY on that local.
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

  const { secrets } = event;
  const a = secrets.SHORTHAND_SECRETS_KEY; // want SHORTHAND_SECRETS_KEY:alias

  const { secrets: s } = event;
  const b = s.RENAMED_SECRETS_KEY; // want RENAMED_SECRETS_KEY:alias

  const { webtask: { secrets: deep } } = context;
  const c = deep.NESTED_SECRETS_KEY; // want NESTED_SECRETS_KEY:alias

  return;
};
