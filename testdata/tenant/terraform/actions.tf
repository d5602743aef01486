# First hook already migrated (ticket IAM-231). The hooks2actions audit must
# not mistake it for a hook.
resource "auth0_action" "client_claims" {
  name    = "client-claims"
  runtime = "node18"
  deploy  = true
  code    = <<-EOT
    exports.onExecuteCredentialsExchange = async (event, api) => {
      api.accessToken.setCustomClaim('https://api.acme.example/claims/plan', 'free');
    };
  EOT

  supported_triggers {
    id      = "credentials-exchange"
    version = "v2"
  }

  secrets {
    name  = "CLAIMS_API_TOKEN"
    value = var.claims_api_token
  }
}
