variable "proxy_password" {
  type      = string
  sensitive = true
}

variable "proxy_password_wo" {
  type      = string
  sensitive = true
  ephemeral = true # only for write-only attributes: never stored anywhere
}

# Password kept in state (marked sensitive). Changing the value re-sends it.
resource "jp1_proxy_user" "plugin" {
  user_id  = "proxyuser01"
  password = var.proxy_password
}

# Write-only password (Terraform 1.11 or later): sent to JP1, never stored in the plan or
# state. Terraform cannot see a change of the value itself, so increment
# password_wo_version whenever the password changes.
resource "jp1_proxy_user" "plugin_wo" {
  user_id             = "proxyuser02"
  password_wo         = var.proxy_password_wo
  password_wo_version = 1
}
