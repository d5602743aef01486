// Six parameters fit no hook trigger's signature: the context is not found.
module.exports = function (a, b, c, context, cb, extra) { // want !context-not-found
  cb(null, context.webtask.secrets.API_KEY);
};
