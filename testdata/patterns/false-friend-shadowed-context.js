// false friends: a nested function and a block-scoped const that shadow the hook's
// context; reads through them are not secret usages. Only REAL_KEY is one.
module.exports = function (user, context, cb) {
  const readFromMock = function (context) {
    return context.webtask.secrets.SHADOWED_BY_PARAM;
  };
  const mocked = readFromMock({ webtask: { secrets: { SHADOWED_BY_PARAM: 'test' } } });

  const viaArrow = ((context) => context.webtask.secrets.SHADOWED_BY_ARROW)({ webtask: { secrets: {} } });

  {
    const context = { webtask: { secrets: { SHADOWED_BY_BLOCK: 'local' } } };
    const local = context.webtask.secrets.SHADOWED_BY_BLOCK;
    if (!local) return cb(new Error('unreachable'));
  }

  const real = context.webtask.secrets.REAL_KEY; // want REAL_KEY:member
  cb(null, { user: { user_metadata: { mocked, viaArrow: viaArrow || null, real: Boolean(real) } } });
};
