// false friends: a nested function and a block-scoped const that shadow the hook's
// context; reads through them are not secret usages. Only REAL_KEY is one.
exports.onExecutePostUserRegistration = async (event, api) => {
  const readFromMock = function (context) {
    return context.webtask.secrets.SHADOWED_BY_PARAM;
  };
  const mocked = readFromMock({ webtask: { secrets: { SHADOWED_BY_PARAM: 'test' } } });

  const viaArrow = ((context) => context.webtask.secrets.SHADOWED_BY_ARROW)({ webtask: { secrets: {} } });

  {
    const context = { webtask: { secrets: { SHADOWED_BY_BLOCK: 'local' } } };
    const local = context.webtask.secrets.SHADOWED_BY_BLOCK;
    // hooks2actions: an error of this hook only failed its own run (the response is ignored): throwing from the Action does the same, as the hook did
    if (!local) throw new Error('unreachable');
  }

  const real = event.secrets.REAL_KEY; // want REAL_KEY:member
  return;
};
