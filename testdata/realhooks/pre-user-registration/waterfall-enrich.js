// Imitates: an async.waterfall hook: look up the company of the email
// domain, then compute metadata; the final callback is the hook's cb itself.
const async = require('async');
const request = require('request');

module.exports = function (user, context, cb) {
  const key = context.webtask.secrets.CLEARBIT_KEY;
  async.waterfall([
    function lookup(next) {
      request.get({
        url: 'https://company.clearbit.example/v2/companies/find?domain=' + user.email.split('@')[1],
        auth: { user: key },
        json: true,
      }, function (err, res, body) {
        if (err) return next(err);
        next(null, res.statusCode === 200 ? body : {});
      });
    },
    function shape(company, next) {
      next(null, { user: { user_metadata: { company: company.name || 'unknown' } } });
    },
  ], cb);
};
