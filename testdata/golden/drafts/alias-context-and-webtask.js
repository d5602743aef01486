// alias: locals aliasing the context or context.webtask (also destructured, and
// an alias of an alias), then the rest of the path to the key.
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

  const ctx = context;
  const a = ctx.webtask.secrets.VIA_CONTEXT_ALIAS; // want VIA_CONTEXT_ALIAS:alias

  const wt = event;
  const b = wt.secrets.VIA_WEBTASK_ALIAS; // want VIA_WEBTASK_ALIAS:alias

  const { webtask } = context;
  const c = webtask.secrets.VIA_DESTRUCTURED_WEBTASK; // want VIA_DESTRUCTURED_WEBTASK:alias

  const wt2 = ctx.webtask;
  const d = wt2.secrets.VIA_ALIAS_OF_ALIAS; // want VIA_ALIAS_OF_ALIAS:alias

  return;
};
