# Someone started this hook and never ran terraform validate.
resource "auth0_hook" "unfinished" {
  name       = "unfinished"
  trigger_id = "post-user-registration"
  enabled      true
  script     = file("${path.module}/hooks/good.js")
}
