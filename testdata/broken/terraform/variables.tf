variable "environment" {
  type = string
}

variable "secret_prefix" {
  type    = string
  default = "PROD"
}

variable "enable_audit" {
  type    = bool
  default = true
}

variable "claims_api_url" {
  type = string
}

variable "common_secrets" {
  type      = map(string)
  sensitive = true
}
