// A plain webtask, (context, cb): no hook trigger calls a function so, so
// the context cannot be identified, and the hook must not look like one
// that reads no secrets.
module.exports = function (context, cb) { // want !context-not-found
  cb(null, context.secrets.API_KEY);
};
