// member: optional chaining anywhere on the path context?.webtask?.secrets?.KEY.
module.exports = async function (user, context, cb) {
  const a = context?.webtask?.secrets?.ONE; // want ONE:member
  const b = context.webtask?.secrets?.TWO; // want TWO:member
  const c = context.webtask.secrets?.THREE; // want THREE:member
  const d = context?.webtask.secrets.FOUR ?? 'fallback'; // want FOUR:member

  if (!a || !b) {
    return cb(new Error('hook is not configured'));
  }

  cb(null, { user: { user_metadata: { mode: c || d } } });
};
