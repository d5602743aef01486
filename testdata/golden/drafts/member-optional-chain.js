// member: optional chaining anywhere on the path context?.webtask?.secrets?.KEY.
exports.onExecutePostUserRegistration = async (event, api) => {
  const a = event.secrets?.ONE; // want ONE:member
  const b = event.secrets?.TWO; // want TWO:member
  const c = event.secrets?.THREE; // want THREE:member
  const d = event.secrets.FOUR ?? 'fallback'; // want FOUR:member

  if (!a || !b) {
    // hooks2actions: an error of this hook only failed its own run (the response is ignored): throwing from the Action does the same, as the hook did
    throw new Error('hook is not configured');
  }

  return;
};
