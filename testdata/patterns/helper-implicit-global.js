// A helper assigned without any declaration (an implicit global in sloppy
// mode) is followed like a declared one: passing the context to it is no
// escape, and the secrets it reads are found. So is an alias assigned so.
helper = (user, context) => context.webtask.secrets.HELPER_KEY; // want HELPER_KEY:helper

module.exports = function (user, context, cb) {
  helper(user, context);
  secrets = context.webtask.secrets;
  cb(null, { id: user.id, token: secrets.API_TOKEN }); // want API_TOKEN:alias
};
