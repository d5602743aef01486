// alias: locals aliasing the context or context.webtask (also destructured, and
// an alias of an alias), then the rest of the path to the key.
exports.onExecutePostUserRegistration = async (event, api) => {
  const ctx = event;
  const a = ctx.secrets.VIA_CONTEXT_ALIAS; // want VIA_CONTEXT_ALIAS:alias

  const wt = event;
  const b = wt.secrets.VIA_WEBTASK_ALIAS; // want VIA_WEBTASK_ALIAS:alias

  const webtask = event;
  const c = webtask.secrets.VIA_DESTRUCTURED_WEBTASK; // want VIA_DESTRUCTURED_WEBTASK:alias

  const wt2 = ctx;
  const d = wt2.secrets.VIA_ALIAS_OF_ALIAS; // want VIA_ALIAS_OF_ALIAS:alias

  return;
};
