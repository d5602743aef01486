// bracket: optional chaining with a literal key, secrets?.['KEY'], on an alias
// and on the context path.
exports.onExecutePostUserRegistration = async (event, api) => {
  const secrets = event.secrets;
  const a = secrets?.['OPTIONAL_KEY']; // want OPTIONAL_KEY:bracket
  const b = event.secrets?.['OPTIONAL_PATH_KEY']; // want OPTIONAL_PATH_KEY:bracket
  const c = event.secrets?.[`OPTIONAL_TEMPLATE_KEY`]; // want OPTIONAL_TEMPLATE_KEY:bracket

  return;
};
