// false friends: secrets mentioned only in comments, strings, templates and regexes.
/* Block comment: context.webtask.secrets.IN_BLOCK_COMMENT and secrets['IN_BLOCK_BRACKET'] */
module.exports = function (user, context, cb) {
  // const old = context.webtask.secrets.LEGACY_KEY;
  // const { COMMENTED_DESTRUCTURE } = context.webtask.secrets;
  const doc = 'read context.webtask.secrets.IN_STRING at run time';
  const doc2 = "or secrets['IN_DOUBLE_STRING']";
  const tpl = `context.webtask.secrets.IN_TEMPLATE`;
  const html = `<code>context.webtask.secrets['IN_TEMPLATE_BRACKET']</code> for ${user.email}`;
  const re = /context\.webtask\.secrets\.IN_REGEX/;

  const real = context.webtask.secrets.REAL_KEY; // want REAL_KEY:member
  const mixed = `key=${context.webtask.secrets.TEMPLATE_REAL} not context.webtask.secrets.TEMPLATE_FAKE`; // want TEMPLATE_REAL:member

  cb(null, { user: { user_metadata: { doc, doc2, tpl, html, matches: re.test(doc), ok: Boolean(real && mixed) } } });
};
