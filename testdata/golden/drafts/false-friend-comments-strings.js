// false friends: secrets mentioned only in comments, strings, templates and regexes.
/* Block comment: context.webtask.secrets.IN_BLOCK_COMMENT and secrets['IN_BLOCK_BRACKET'] */
exports.onExecutePostUserRegistration = async (event, api) => {
  // const old = context.webtask.secrets.LEGACY_KEY;
  // const { COMMENTED_DESTRUCTURE } = context.webtask.secrets;
  const doc = 'read context.webtask.secrets.IN_STRING at run time';
  const doc2 = "or secrets['IN_DOUBLE_STRING']";
  const tpl = `context.webtask.secrets.IN_TEMPLATE`;
  const html = `<code>context.webtask.secrets['IN_TEMPLATE_BRACKET']</code> for ${event.user.email}`;
  const re = /context\.webtask\.secrets\.IN_REGEX/;

  const real = event.secrets.REAL_KEY; // want REAL_KEY:member
  const mixed = `key=${event.secrets.TEMPLATE_REAL} not context.webtask.secrets.TEMPLATE_FAKE`; // want TEMPLATE_REAL:member

  return;
};
