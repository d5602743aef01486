// Imitates: a hook that answers with the user spread into the response and
// a new app_metadata beside what the sign-up carried, using an arrow
// function and the arguments-free two-step style of newer samples.
module.exports = (user, context, cb) => {
  const app_metadata = Object.assign({}, user.app_metadata, { source: context.connection.name });
  const next = { ...user, app_metadata };
  delete next.password;
  cb(null, { user: next });
};
