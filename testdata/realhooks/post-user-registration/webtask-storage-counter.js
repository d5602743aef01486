// Imitates: sign-up counters kept in webtask storage (context.webtask.storage
// get/set with callbacks), as in webtask-era samples.
module.exports = function (user, context, cb) {
  context.webtask.storage.get(function (err, data) {
    if (err) return cb(err);
    data = data || { count: 0 };
    data.count++;
    context.webtask.storage.set(data, function () { cb(); });
  });
};
