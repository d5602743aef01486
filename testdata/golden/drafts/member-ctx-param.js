// member: the hook's context parameter is named ctx (and the callback done);
// reads through it are plain member reads.
const request = require('request');

exports.onExecutePostUserRegistration = async (event, api) => {
  const apiKey = event.secrets.MAILCHIMP_API_KEY; // want MAILCHIMP_API_KEY:member
  const listId = event.secrets?.MAILCHIMP_LIST_ID; // want MAILCHIMP_LIST_ID:member
  const dc = event.secrets.MAILCHIMP_DC || 'us1'; // want MAILCHIMP_DC:member

  request.post(
    {
      url: `https://${dc}.api.mailchimp.com/3.0/lists/${listId}/members`,
      auth: { user: 'anystring', pass: apiKey },
      json: { email_address: event.user.email, status: 'subscribed' },
    },
    // hooks2actions: this callback ran when asynchronous work finished: the handler must await (or return) that work, or the Action ends first
    // hooks2actions: Actions do not use a callback: throw the error instead
    (err) => done(err)
  );
};
