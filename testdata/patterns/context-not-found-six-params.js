// Six parameters fit no hook trigger's signature: the context is not found.
module.exports = function (a, context, c, d, e, f) { // want !context-not-found
  return context.webtask.secrets.API_KEY;
};
