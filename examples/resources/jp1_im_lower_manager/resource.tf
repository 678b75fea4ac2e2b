# The provider talks to the integration manager; each resource adds one lower manager to it.
# The initial secret is the one set on the lower manager when it was prepared for integration.
variable "branch_initial_secret" {
  type      = string
  sensitive = true
  ephemeral = true # Terraform 1.10 and later: never stored
}

resource "jp1_im_lower_manager" "branch_osaka" {
  hostname = "jp1mgr-osaka.example.com"

  # Write-only (Terraform 1.11 and later): sent to JP1, never stored in plan or state.
  # Bump the version to send a new initial secret.
  initial_secret_wo         = var.branch_initial_secret
  initial_secret_wo_version = 1
}

# Or keep the initial secret in state (marked sensitive).
resource "jp1_im_lower_manager" "branch_nagoya" {
  hostname       = "jp1mgr-nagoya.example.com"
  initial_secret = var.nagoya_initial_secret
}

variable "nagoya_initial_secret" {
  type      = string
  sensitive = true
}
