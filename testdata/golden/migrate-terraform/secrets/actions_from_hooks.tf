variable "partner_signup_gate__partner_directory_url" {
  description = "Value of the secret PARTNER_DIRECTORY_URL of the Action partner-signup-gate (the hook partner-signup-gate's)."
  type        = string
  sensitive   = true
}

variable "sms_short_code__twilio_from_number" {
  description = "Value of the secret TWILIO_FROM_NUMBER of the Action sms-short-code (the hook sms-short-code's)."
  type        = string
  sensitive   = true
}

variable "welcome_email_and_slack__sendgrid_welcome_template_id" {
  description = "Value of the secret SENDGRID_WELCOME_TEMPLATE_ID of the Action welcome-email-and-slack (the hook welcome-email-and-slack's)."
  type        = string
  sensitive   = true
}

variable "welcome_email_and_slack__welcome_from_address" {
  description = "Value of the secret WELCOME_FROM_ADDRESS of the Action welcome-email-and-slack (the hook welcome-email-and-slack's)."
  type        = string
  sensitive   = true
}

resource "auth0_action" "client_credentials_claims" {
  name    = "client-credentials-claims"
  code    = file("${path.module}/actions/client-credentials-claims.js")
  runtime = "node22"
  deploy  = true

  supported_triggers {
    id      = "credentials-exchange"
    version = "v2"
  }

  dependencies {
    name    = "axios"
    version = "0.21.1"
  }

  secrets {
    name  = "CLAIMS_API_TOKEN"
    value = var.claims_api_token
  }

  secrets {
    name  = "CLAIMS_API_URL"
    value = local.claims_api_url
  }
}

resource "auth0_action" "partner_signup_gate" {
  name    = "partner-signup-gate"
  code    = file("${path.module}/actions/partner-signup-gate.js")
  runtime = "node22"
  deploy  = true

  supported_triggers {
    id      = "pre-user-registration"
    version = "v2"
  }

  dependencies {
    name    = "node-fetch"
    version = "2.6.1"
  }

  secrets {
    name  = "PARTNER_DIRECTORY_API_KEY"
    value = var.partner_directory_api_key
  }

  secrets {
    name  = "PARTNER_DIRECTORY_URL"
    value = var.partner_signup_gate__partner_directory_url
  }
}

resource "auth0_action" "password_change_audit" {
  name    = "password-change-audit"
  code    = file("${path.module}/actions/password-change-audit.js")
  runtime = "node22"
  deploy  = true

  supported_triggers {
    id      = "post-change-password"
    version = "v2"
  }

  dependencies {
    name    = "axios"
    version = "0.21.1"
  }

  secrets {
    name  = "AUDIT_ENVIRONMENT"
    value = var.environment
  }

  secrets {
    name  = "AUDIT_TOKEN"
    value = var.audit_token
  }

  secrets {
    name  = "AUDIT_URL"
    value = local.audit_url
  }
}

resource "auth0_action" "sms_short_code" {
  name    = "sms-short-code"
  code    = file("${path.module}/actions/sms-short-code.js")
  runtime = "node22"
  deploy  = true

  supported_triggers {
    id      = "send-phone-message"
    version = "v2"
  }

  dependencies {
    name    = "twilio"
    version = "3.54.0"
  }

  secrets {
    name  = "TWILIO_ACCOUNT_SID"
    value = var.twilio_account_sid
  }

  secrets {
    name  = "TWILIO_AUTH_TOKEN"
    value = var.twilio_auth_token
  }

  secrets {
    name  = "TWILIO_FROM_NUMBER"
    value = var.sms_short_code__twilio_from_number
  }
}

resource "auth0_action" "welcome_email_and_slack" {
  name    = "welcome-email-and-slack"
  code    = file("${path.module}/actions/welcome-email-and-slack.js")
  runtime = "node22"
  deploy  = true

  supported_triggers {
    id      = "post-user-registration"
    version = "v2"
  }

  dependencies {
    name    = "@sendgrid/mail"
    version = "7.4.0"
  }

  dependencies {
    name    = "request"
    version = "2.88.0"
  }

  secrets {
    name  = "SENDGRID_API_KEY"
    value = var.sendgrid_api_key
  }

  secrets {
    name  = "SENDGRID_WELCOME_TEMPLATE_ID"
    value = var.welcome_email_and_slack__sendgrid_welcome_template_id
  }

  secrets {
    name  = "SLACK_WEBHOOK_URL"
    value = var.slack_webhook_url
  }

  secrets {
    name  = "WELCOME_FROM_ADDRESS"
    value = var.welcome_email_and_slack__welcome_from_address
  }
}

resource "auth0_trigger_action" "client_credentials_claims" {
  trigger      = "credentials-exchange"
  action_id    = auth0_action.client_credentials_claims.id
  display_name = "client-credentials-claims"
}

resource "auth0_trigger_action" "partner_signup_gate" {
  trigger      = "pre-user-registration"
  action_id    = auth0_action.partner_signup_gate.id
  display_name = "partner-signup-gate"
}

resource "auth0_trigger_action" "welcome_email_and_slack" {
  trigger      = "post-user-registration"
  action_id    = auth0_action.welcome_email_and_slack.id
  display_name = "welcome-email-and-slack"
}

