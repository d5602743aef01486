// credentials-exchange
// The callback is called twice from a timer (kept as a function in the
// draft): the hooks runtime kept the first answer, a claim, and ignored
// the later denial; the draft's callback must do the same.
module.exports = function (client, scope, audience, context, cb) {
  setTimeout(function () {
    cb(null, { 'https://example.com/first': client.id });
    cb(new InvalidRequestError('a second answer'));
  }, 0);
};
