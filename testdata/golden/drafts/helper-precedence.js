// helper precedence: inside a helper that received the secrets, destructure,
// bracket, in-check and alias reads are all reported as helper.
const { Client } = require('pg');

const PASSWORD_KEY = 'DB_PASSWORD';

function loadConfig(secrets) {
  const { DB_HOST, DB_PORT = '5432' } = secrets; // want DB_HOST:helper DB_PORT:helper
  const user = secrets['DB_USER']; // want DB_USER:helper
  const password = secrets[PASSWORD_KEY]; // want DB_PASSWORD:helper
  const ssl = 'DB_SSL' in secrets; // want DB_SSL:helper
  const again = secrets;
  const database = again.DB_NAME; // want DB_NAME:helper
  return { host: DB_HOST, port: Number(DB_PORT), user, password, database, ssl };
}

exports.onExecutePostUserRegistration = async (event, api) => {
  const client = new Client(loadConfig(event.secrets));
  await client.connect();
  await client.query('insert into signups (email) values ($1)', [event.user.email]);
  await client.end();
  return;
};
