// bracket: optional chaining with a literal key, secrets?.['KEY'], on an alias
// and on the context path.
module.exports = async (user, context, cb) => {
  const secrets = context.webtask.secrets;
  const a = secrets?.['OPTIONAL_KEY']; // want OPTIONAL_KEY:bracket
  const b = context.webtask.secrets?.['OPTIONAL_PATH_KEY']; // want OPTIONAL_PATH_KEY:bracket
  const c = context?.webtask?.secrets?.[`OPTIONAL_TEMPLATE_KEY`]; // want OPTIONAL_TEMPLATE_KEY:bracket

  cb(null, { user: { app_metadata: { configured: [a, b, c].every(Boolean) } } });
};
