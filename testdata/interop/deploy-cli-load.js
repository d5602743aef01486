// Loads Deploy CLI configuration with the real Deploy CLI's own loader and
// schema, with no tenant: the context of `a0deploy import` (directory or
// YAML, chosen by the input as the CLI chooses it) and its keyword
// replacement, with the environment merged into the mappings (as `--env`,
// the default, does); then the validation `a0deploy import` runs
// (Auth0.validate: the JSON schema, then each handler's validate stage).
//
// One shortcut, for time: the schema's properties are narrowed to the
// resource types loaded (actions and triggers), since Ajv compiling every
// resource type's schema takes a minute of CPU. The two schemas checked are
// the Deploy CLI's own, unchanged. Nothing reaches the network: the context
// gets a placeholder token, and no request is made before processChanges,
// which is never called.
//
// Usage: node deploy-cli-load.js DEPLOY_CLI_DIR OUT.json INPUT...
// Writes to OUT.json, for each INPUT, the loaded actions and triggers.
'use strict';

const fs = require('fs');
const path = require('path');

const [cliDir, outFile, ...inputs] = process.argv.slice(2);
const lib = (...p) => require(path.join(cliDir, 'lib', ...p));
const { setupContext } = lib('context');
const { Auth0 } = lib('tools');
const { toConfigFn } = lib('utils');

const types = ['actions', 'triggers'];
const schema = lib('tools', 'auth0', 'schema').default;
for (const key of Object.keys(schema.properties)) {
  if (!types.includes(key) && key !== 'exclude' && key !== 'include') {
    delete schema.properties[key];
  }
}

async function load(input) {
  const config = {
    AUTH0_DOMAIN: 'interop.invalid',
    AUTH0_ACCESS_TOKEN: 'no-token-no-tenant',
    AUTH0_INPUT_FILE: input,
    AUTH0_INCLUDED_ONLY: types,
    AUTH0_KEYWORD_REPLACE_MAPPINGS: Object.assign({}, process.env),
  };
  const context = await setupContext(config, 'import');
  await context.loadAssetsFromLocal(); // the YAML context validates here too
  const auth0 = new Auth0(context.mgmtClient, context.assets, toConfigFn(config));
  await auth0.validate();
  return { input, actions: auth0.assets.actions || null, triggers: auth0.assets.triggers || null };
}

(async () => {
  const results = [];
  for (const input of inputs) {
    results.push(await load(input));
  }
  fs.writeFileSync(outFile, JSON.stringify(results));
})().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
