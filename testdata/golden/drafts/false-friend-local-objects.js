// false friends: local objects that only look like the secrets; reading,
// enumerating or indexing them is not a secret usage nor a finding.
exports.onExecutePostUserRegistration = async (event, api) => {
  const secrets = { A: 1, B: 2 };
  const a = secrets.A;
  const localNames = Object.keys(secrets);
  const picked = secrets[event.user.app_metadata.slot];

  const fake = { webtask: { secrets: { B: 1 } } };
  const b = fake.webtask.secrets.B;
  const { webtask: { secrets: { C } } } = { webtask: { secrets: { C: 3 } } };

  const config = { secrets: { D: 'x' } };
  const d = config.secrets['D'];

  const real = event.secrets.REAL_ONE; // want REAL_ONE:member
  return;
};
