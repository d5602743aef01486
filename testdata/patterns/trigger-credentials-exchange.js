// trigger credentials-exchange: five parameters (client, scope, audience, context, cb);
// the context is the fourth. client and audience are not secrets.
module.exports = function (client, scope, audience, context, cb) {
  const access_token = {};
  access_token.scope = scope || [];

  if (audience === context.webtask.secrets.BILLING_AUDIENCE) { // want BILLING_AUDIENCE:member
    access_token['https://acme.example/plan'] = (client.metadata && client.metadata.plan) || 'basic';
  }

  const { ALLOWED_CLIENT_IDS = '' } = context.webtask.secrets; // want ALLOWED_CLIENT_IDS:destructure
  if (!ALLOWED_CLIENT_IDS.split(',').includes(client.id)) {
    return cb(new InvalidScopeError(`client ${client.name} may not call ${audience}`));
  }

  cb(null, access_token);
};
