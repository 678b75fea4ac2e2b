# One monitored host, as JP1 sees it:
# - the credential JP1/Operations Analytics uses to collect from the host (WMI for Windows,
#   SSH for Linux/UNIX), with a write-only password that never lands in state;
# - an IM client secret for the OSS agent on the host (for example a log shipper that
#   issues JP1 events through the IM event-issuing API).
terraform {
  required_version = ">= 1.11"
  required_providers {
    jp1 = {
      source = "jp1-terraform/jp1"
    }
  }
}

locals {
  is_windows = var.os == "windows"
}

# The type is chosen by which block is present: a dynamic block with a
# one-element list for the chosen type and an empty one for the other.
resource "jp1_analytics_credential" "this" {
  name = "${var.host_name}-${local.is_windows ? "wmi" : "ssh"}"

  dynamic "wmi" {
    for_each = local.is_windows ? [1] : []
    content {
      user_id             = var.user_id
      domain_name         = var.domain_name
      password_wo         = var.password
      password_wo_version = var.password_version
    }
  }

  dynamic "ssh" {
    for_each = local.is_windows ? [] : [1]
    content {
      user_id             = var.user_id
      port_number         = var.ssh_port
      password_wo         = var.password
      password_wo_version = var.password_version
    }
  }
}

resource "jp1_im_client" "agent" {
  client_id = "${var.client_id_prefix}${var.host_name}"

  # Changing secret_rotation issues a new secret (and deletes the old one).
  keepers = {
    rotation = var.secret_rotation
  }
}
