# Secrets come from variables; the write-only (_wo) forms take ephemeral values, so the secret
# is sent to JP1 but never stored in the plan or the state (Terraform 1.11 or later).
variable "wmi_password" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "ssh_password" {
  type      = string
  sensitive = true
}

variable "ssh_root_password" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "wbem_password" {
  type      = string
  sensitive = true
}

variable "snmp_community" {
  type      = string
  sensitive = true
}

variable "snmp_auth_passphrase" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "snmp_privacy_passphrase" {
  type      = string
  sensitive = true
  ephemeral = true
}

# WMI: Windows hosts. The password is write-only; bump password_wo_version to send a new one.
resource "jp1_analytics_credential" "wmi" {
  name = "windows-servers-wmi"

  wmi {
    user_id     = "svc-jp1oa"
    domain_name = "CORP"

    password_wo         = var.wmi_password
    password_wo_version = 1
  }
}

# SSH: Linux/UNIX hosts. The login password is kept in state (marked sensitive);
# the root password is write-only.
resource "jp1_analytics_credential" "ssh" {
  name = "linux-servers-ssh"

  ssh {
    user_id     = "jp1oa"
    port_number = 22
    password    = var.ssh_password

    root_password_wo         = var.ssh_root_password
    root_password_wo_version = 1
  }
}

# WBEM: CIM servers (storage, hypervisors) over HTTPS.
resource "jp1_analytics_credential" "wbem" {
  name = "storage-wbem"

  wbem {
    user_id     = "cimuser"
    password    = var.wbem_password
    port_number = 5989
    ssl         = true
    namespace   = "root/cimv2"
  }
}

# SNMP v1/v2c: network devices. JP1 returns the community, so a change made
# outside Terraform shows up in the next plan.
resource "jp1_analytics_credential" "snmp_v2c" {
  name = "network-snmp-v2c"

  snmp_v1_v2c {
    community   = var.snmp_community
    port_number = 161
  }
}

# SNMPv3 with authentication and privacy: giving a protocol enables it (privacy needs authentication).
resource "jp1_analytics_credential" "snmp_v3" {
  name = "network-snmp-v3"

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
