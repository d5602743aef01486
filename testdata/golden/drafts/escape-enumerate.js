// secrets-object-escape: the secrets object is enumerated with Object.keys,
// Object.values, Object.entries or for...in; named reads are still usages.
exports.onExecutePostUserRegistration = async (event, api) => {
  const secrets = event.secrets;
  const names = Object.keys(secrets); // want !secrets-object-escape
  const values = Object.values(event.secrets); // want !secrets-object-escape

  for (const [name, value] of Object.entries(secrets)) { // want !secrets-object-escape
    if (!value) console.log('secret is empty: ' + name);
  }

  const deprecated = [];
  for (const name in secrets) { // want !secrets-object-escape
    if (name.startsWith('DEPRECATED_')) deprecated.push(name);
  }

  const known = secrets.KNOWN_KEY; // want KNOWN_KEY:alias
  return;
};
