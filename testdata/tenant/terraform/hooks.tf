# Auth0 Hooks of the production tenant. Hooks are deprecated: each one is
# being rewritten as an auth0_action (see actions.tf).

resource "auth0_hook" "client_claims" {
  name       = "client-credentials-claims"
  trigger_id = "credentials-exchange"
  enabled    = true

  # $${...} keeps the JavaScript template literals away from Terraform.
  script = <<EOF
const axios = require('axios@0.21.1');

const NAMESPACE = 'https://api.acme.example/claims/';

module.exports = function (client, scope, audience, context, cb) {
  const access_token = {};
  access_token.scope = scope || [];

  const baseUrl = context.webtask.secrets.CLAIMS_API_URL;
  const { CLAIMS_API_TOKEN } = context.webtask.secrets;

  if (!baseUrl) {
    return cb(null, access_token);
  }

  axios
    .get(`$${baseUrl}/v2/entitlements/$${encodeURIComponent(client.id)}`, {
      headers: { Authorization: `Bearer $${CLAIMS_API_TOKEN}` },
      params: { audience },
      timeout: 3000,
    })
    .then((res) => {
      access_token[NAMESPACE + 'plan'] = (res.data || {}).plan || 'free';
      cb(null, access_token);
    })
    .catch((err) => cb(new ServerError('Could not load entitlements')));
};
EOF

  secrets = {
    CLAIMS_API_URL   = local.claims_api_url
    CLAIMS_API_TOKEN = var.claims_api_token
  }

  dependencies = {
    axios = "0.21.1"
  }
}

resource "auth0_hook" "partner_signup_gate" {
  name       = "partner-signup-gate"
  trigger_id = "pre-user-registration"
  enabled    = true
  script     = file("${path.module}/hooks/pre-user-registration.js")

  secrets = {
    PARTNER_DIRECTORY_API_KEY = var.partner_directory_api_key
    PARTNER_DIRECTORY_URL     = "https://partners.acme.example"
    # Basic-auth password of the old directory; the script stopped using it.
    LEGACY_TOKEN = "hooks2actions-canary-5b0d7e31"
  }

  dependencies = {
    "node-fetch" = "2.6.1"
  }
}

resource "auth0_hook" "welcome" {
  name       = "welcome-email-and-slack"
  trigger_id = "post-user-registration"
  enabled    = true
  script     = <<-EOT
    const request = require('request@2.88.0');
    const sgMail = require('@sendgrid/mail@7.4.0');

    function sendWelcomeEmail(user, secrets) {
      sgMail.setApiKey(secrets.SENDGRID_API_KEY);
      return sgMail.send({
        to: user.email,
        from: secrets.WELCOME_FROM_ADDRESS || 'hello@acme.example',
        templateId: secrets.SENDGRID_WELCOME_TEMPLATE_ID,
      });
    }

    module.exports = function (user, context, cb) {
      const secrets = context.webtask.secrets;
      request.post({
        url: secrets['SLACK_WEBHOOK_URL'],
        json: { text: `:wave: New sign-up: $${user.email} ($${user.id})` },
      }, () => {});

      sendWelcomeEmail(user, context.webtask.secrets)
        .then(() => cb())
        .catch(() => cb());
    };
  EOT

  secrets = {
    SENDGRID_API_KEY             = var.sendgrid_api_key
    SENDGRID_WELCOME_TEMPLATE_ID = "d-3f5e0c2a9b8d4e61"
    WELCOME_FROM_ADDRESS         = "welcome@acme.example"
    SLACK_WEBHOOK_URL            = var.slack_webhook_url
  }

  dependencies = {
    request          = "2.88.0"
    "@sendgrid/mail" = "7.4.0"
  }
}

resource "auth0_hook" "password_change_audit" {
  name       = "password-change-audit"
  trigger_id = "post-change-password"
  enabled    = false
  script     = file("hooks/post-change-password.js")

  secrets = {
    AUDIT_URL         = local.audit_url
    AUDIT_TOKEN       = var.audit_token
    AUDIT_ENVIRONMENT = var.environment
  }

  dependencies = {
    axios = "0.21.1"
  }
}

resource "auth0_hook" "sms_short_code" {
  name       = "sms-short-code"
  trigger_id = "send-phone-message"
  script     = "const twilio = require('twilio@3.54.0');\n\nmodule.exports = function (recipient, text, context, cb) {\n  const s = context.webtask.secrets;\n  twilio(s.TWILIO_ACCOUNT_SID, s.TWILIO_AUTH_TOKEN).messages\n    .create({ body: text, from: s.TWILIO_FROM_NUMBER, to: recipient })\n    .then((m) => cb(null, { MessageID: m.sid }))\n    .catch(cb);\n};\n"

  secrets = {
    TWILIO_ACCOUNT_SID = var.twilio_account_sid
    TWILIO_AUTH_TOKEN  = var.twilio_auth_token
    TWILIO_FROM_NUMBER = "+15005550006"
  }

  dependencies = {
    twilio = "3.54.0"
  }
}
