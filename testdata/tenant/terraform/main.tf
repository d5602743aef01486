terraform {
  required_version = ">= 1.5.0"

  required_providers {
    auth0 = {
      source  = "auth0/auth0"
      version = "~> 1.2"
    }
  }

  backend "s3" {
    bucket = "acme-terraform-state"
    key    = "auth0/prod.tfstate"
    region = "eu-west-1"
  }
}

provider "auth0" {
  domain        = var.auth0_domain
  client_id     = var.auth0_client_id
  client_secret = var.auth0_client_secret
}

variable "auth0_domain" {
  type        = string
  description = "Tenant domain, e.g. acme-prod.eu.auth0.com."
}

variable "auth0_client_id" {
  type = string
}

variable "auth0_client_secret" {
  type      = string
  sensitive = true
}

variable "environment" {
  type    = string
  default = "production"
}

variable "claims_api_token" {
  type      = string
  sensitive = true
}

variable "partner_directory_api_key" {
  type      = string
  sensitive = true
}

variable "sendgrid_api_key" {
  type      = string
  sensitive = true
}

variable "slack_webhook_url" {
  type      = string
  sensitive = true
}

variable "audit_token" {
  type      = string
  sensitive = true
}

variable "twilio_account_sid" {
  type = string
}

variable "twilio_auth_token" {
  type      = string
  sensitive = true
}

locals {
  claims_api_url = "https://claims.internal.acme.example"
  audit_url      = "https://siem.acme.example/collector/auth0"
}

# The claims service calls the Management API with this client; unrelated to
# the hooks, but it lives in the same module.
resource "auth0_client" "claims_service" {
  name        = "Claims service"
  app_type    = "non_interactive"
  grant_types = ["client_credentials"]

  jwt_configuration {
    alg = "RS256"
  }
}
