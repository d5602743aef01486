// false friends: local objects that only look like the secrets; reading,
// enumerating or indexing them is not a secret usage nor a finding.
module.exports = function (user, context, cb) {
  const secrets = { A: 1, B: 2 };
  const a = secrets.A;
  const localNames = Object.keys(secrets);
  const picked = secrets[user.app_metadata.slot];

  const fake = { webtask: { secrets: { B: 1 } } };
  const b = fake.webtask.secrets.B;
  const { webtask: { secrets: { C } } } = { webtask: { secrets: { C: 3 } } };

  const config = { secrets: { D: 'x' } };
  const d = config.secrets['D'];

  const real = context.webtask.secrets.REAL_ONE; // want REAL_ONE:member
  cb(null, { user: { user_metadata: { sum: a + b + C, n: localNames.length, picked, d, real: Boolean(real) } } });
};
