# A small JP1 estate as code: what `make demo` applies to the bundled fake JP1 server.
#
# - IM client secrets for the OSS tools that call the IM REST API, with a rotation label each;
# - two proxy-server users for user-created plug-ins (one password kept in state, one write-only);
# - one lower manager of the IM manager (the demo makes it unreachable before destroy, to show
#   JP1's warning that its MANAGER_INTEGRATED_ ID may remain on the lower manager);
# - JP1/Operations Analytics credentials of every type: WMI, SSH, WBEM, SNMP v1/v2c, SNMPv3;
# - one monitored Linux host through ../modules/monitored-host.
#
# The provider block is empty on purpose: endpoints and logins come from the JP1_IM_* and
# JP1_ANALYTICS_* environment variables, and secrets from TF_VAR_* variables.
terraform {
  required_version = ">= 1.11"
  required_providers {
    jp1 = {
      source  = "jp1-terraform/jp1"
      version = "0.0.1"
    }
  }
}

provider "jp1" {
  request_timeout = "30s"
  retry = {
    max_attempts = 5
  }
}

# --- JP1/IM: client secrets for OSS tools --------------------------------------------------

resource "jp1_im_client" "tool" {
  for_each = var.im_clients

  client_id = each.key
  keepers = {
    rotation = each.value # change the label to issue a new secret
  }
}

# --- JP1/IM: proxy-server users for user-created plug-ins ---------------------------------

resource "jp1_proxy_user" "collector" {
  user_id  = "${var.name_prefix}-collector"
  password = var.proxy_collector_password
}

resource "jp1_proxy_user" "notifier" {
  user_id             = "${var.name_prefix}-notifier"
  password_wo         = var.proxy_notifier_password
  password_wo_version = var.proxy_notifier_password_version
}

# --- JP1/IM: a lower manager in the manager hierarchy ---------------------------------------

resource "jp1_im_lower_manager" "branch" {
  hostname                  = "${var.name_prefix}-branch-mgr01"
  initial_secret_wo         = var.lower_manager_initial_secret
  initial_secret_wo_version = 1
}

# --- JP1/Operations Analytics: how to reach monitored hosts --------------------------------

resource "jp1_analytics_credential" "wmi" {
  name = "${var.name_prefix}-windows-wmi"

  wmi {
    user_id     = "svc-jp1oa"
    domain_name = var.windows_domain

    password_wo         = var.wmi_password
    password_wo_version = var.wmi_password_version
  }
}

resource "jp1_analytics_credential" "ssh" {
  name = "${var.name_prefix}-linux-ssh"

  ssh {
    user_id     = "jp1oa"
    port_number = var.ssh_port
    password    = var.ssh_password

    root_password_wo         = var.ssh_root_password
    root_password_wo_version = 1
  }
}

resource "jp1_analytics_credential" "wbem" {
  name = "${var.name_prefix}-storage-wbem"

  wbem {
    user_id     = "cimuser"
    password    = var.wbem_password
    port_number = 5989
    ssl         = true
    namespace   = "root/cimv2"
  }
}

resource "jp1_analytics_credential" "snmp_v2c" {
  name = "${var.name_prefix}-network-snmp-v2c"

  snmp_v1_v2c {
    community   = var.snmp_community
    port_number = 161
  }
}

resource "jp1_analytics_credential" "snmp_v3" {
  name = "${var.name_prefix}-network-snmp-v3"

  snmp_v3 {
    user_name   = "jp1snmp"
    port_number = 161

    authentication_protocol              = "SHA1"
    authentication_passphrase_wo         = var.snmp_auth_passphrase
    authentication_passphrase_wo_version = 1

    privacy_protocol              = "AES128"
    privacy_passphrase_wo         = var.snmp_privacy_passphrase
    privacy_passphrase_wo_version = 1
  }
}

# --- One monitored host: its analytics credential and its agent's IM client ---------------

module "app01" {
  source = "../modules/monitored-host"

  host_name       = "app01"
  os              = "linux"
  user_id         = "jp1oa"
  password        = var.agent_password
  secret_rotation = "2026-Q3"
}

# --- What JP1 holds now (read after the resources above are in place) ---------------------

data "jp1_im_clients" "registered" {
  depends_on = [jp1_im_client.tool, module.app01]
}
