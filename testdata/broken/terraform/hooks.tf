resource "auth0_hook" "good" {
  name       = "slack-signup-notice"
  trigger_id = "post-user-registration"
  enabled    = true
  script     = file("${path.module}/hooks/good.js")

  secrets = {
    SLACK_WEBHOOK_URL = "hooks2actions-canary-5b0d7e31"
  }
}

resource "auth0_hook" "templated" {
  name       = "templated-claims"
  trigger_id = "credentials-exchange"
  script = templatefile("${path.module}/hooks/templated.js.tpl", {
    api_url = var.claims_api_url
  })
}

resource "auth0_hook" "prefixed_secrets" {
  name       = "prefixed-secrets"
  trigger_id = "pre-user-registration"
  script     = <<EOF
module.exports = function (user, context, cb) {
  cb(null, { user });
};
EOF

  secrets = {
    (var.secret_prefix)        = "hooks2actions-canary-5b0d7e31"
    "${var.environment}_TOKEN" = "hooks2actions-canary-5b0d7e31"
    STATIC_KEY                 = "hooks2actions-canary-5b0d7e31"
  }
}

resource "auth0_hook" "merged_secrets" {
  name       = "merged-secrets"
  trigger_id = "pre-user-registration"
  script     = "module.exports = function (user, context, cb) { cb(); };"
  secrets    = merge(var.common_secrets, { EXTRA = "hooks2actions-canary-5b0d7e31" })
}

resource "auth0_hook" "audit" {
  count      = var.enable_audit ? 1 : 0
  name       = "password-audit"
  trigger_id = "post-change-password"
  enabled    = true
  script     = file("${path.module}/hooks/missing.js")
}

resource "auth0_hook" "login" {
  name       = "login-claims"
  trigger_id = "post-login"
  script     = <<-EOT
    module.exports = function (user, context, cb) {
      const url = '${var.claims_api_url}/v1/claims';
      cb();
    };
  EOT
}

resource "auth0_hook" "audit_copy" {
  name       = "password-audit"
  trigger_id = "post-change-password"
  script     = file("./hooks/good.js")
}

resource "auth0_hook" "nameless" {
  trigger_id = "send-phone-message"
  enabled    = var.environment == "production"
  script     = local.sms_script
}
