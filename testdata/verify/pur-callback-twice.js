// pre-user-registration
// A denial then a success from a deferred callback: only the denial counts.
module.exports = function (user, context, cb) {
  process.nextTick(function () {
    cb(new PreUserRegistrationError('first', 'Denied'));
    cb(null, { user: { app_metadata: { late: true } } });
  });
};
