// Imitates: a hook destructuring context.webtask.secrets in its parameter
// list (`{ webtask: { secrets: { ... } } }`), with a default value for one
// key, then using both to pick metadata.
module.exports = function (user, { connection, webtask: { secrets: { DEFAULT_ROLE = 'viewer', ADMIN_EMAILS } } }, cb) {
  const admins = (ADMIN_EMAILS || '').split(',');
  const role = admins.indexOf(user.email) !== -1 ? 'admin' : DEFAULT_ROLE;
  cb(null, { user: { app_metadata: { role: role, connection: connection.name } } });
};
