// member: the hook's context parameter is named ctx (and the callback done);
// reads through it are plain member reads.
const request = require('request@2.88.0');

module.exports = function (user, ctx, done) {
  const apiKey = ctx.webtask.secrets.MAILCHIMP_API_KEY; // want MAILCHIMP_API_KEY:member
  const listId = ctx?.webtask?.secrets?.MAILCHIMP_LIST_ID; // want MAILCHIMP_LIST_ID:member
  const dc = ctx.webtask.secrets.MAILCHIMP_DC || 'us1'; // want MAILCHIMP_DC:member

  request.post(
    {
      url: `https://${dc}.api.mailchimp.com/3.0/lists/${listId}/members`,
      auth: { user: 'anystring', pass: apiKey },
      json: { email_address: user.email, status: 'subscribed' },
    },
    (err) => done(err)
  );
};
