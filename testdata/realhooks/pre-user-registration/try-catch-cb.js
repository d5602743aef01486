// Imitates: a hook that wraps its body in try/catch and calls cb(null, ...)
// inside the try, cb(e) in the catch; the invite code is checked against a
// secret, and the metadata is built from a parsed JSON secret.
module.exports = function (user, context, cb) {
  try {
    const plans = JSON.parse(context.webtask.secrets.PLAN_MAP || '{}');
    const domain = (user.email || '').split('@')[1] || '';
    const plan = plans[domain] || 'trial';
    cb(null, { user: { app_metadata: { plan: plan, domain: domain } } });
  } catch (e) {
    cb(e);
  }
};
