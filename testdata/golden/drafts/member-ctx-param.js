// member: the hook's context parameter is named ctx (and the callback done);
// reads through it are plain member reads.
const request = require('request');

exports.onExecutePostUserRegistration = async (event, api) => {
  return new Promise((resolve, reject) => {
    // The hook's callback, kept as a function: calling it does what the hook's runtime did, then settles this promise.
    // hooks2actions: an error of this hook only failed its own run (the response is ignored): throwing from the Action does the same, as the hook did
    const done = (err) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve());

  const apiKey = event.secrets.MAILCHIMP_API_KEY; // want MAILCHIMP_API_KEY:member
  const listId = event.secrets?.MAILCHIMP_LIST_ID; // want MAILCHIMP_LIST_ID:member
  const dc = event.secrets.MAILCHIMP_DC || 'us1'; // want MAILCHIMP_DC:member

  request.post(
    {
      url: `https://${dc}.api.mailchimp.com/3.0/lists/${listId}/members`,
      auth: { user: 'anystring', pass: apiKey },
      json: { email_address: event.user.email, status: 'subscribed' },
    },
    (err) => done(err)
  );
  });
};
