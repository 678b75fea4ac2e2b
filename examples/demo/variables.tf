variable "name_prefix" {
  description = "Prefix of every name this configuration creates in JP1."
  type        = string
  default     = "demo"
}

variable "im_clients" {
  description = "IM client IDs of the OSS tools that call the IM REST API, each with a rotation label; changing a label rotates that secret."
  type        = map(string)
  default = {
    "zabbix-event-bridge"       = "2026-Q3"
    "prometheus-trend-exporter" = "2026-Q3"
    "fluentd-event-forwarder"   = "2026-Q3"
  }
}

variable "windows_domain" {
  description = "Windows domain of the WMI user."
  type        = string
  default     = "CORP"
}

variable "ssh_port" {
  description = "SSH port of the Linux hosts."
  type        = number
  default     = 22
}

# --- Secrets: no defaults; set them with TF_VAR_<name> or a *.tfvars file kept out of git ---

variable "proxy_collector_password" {
  description = "Password of the collector proxy user (kept in state, marked sensitive)."
  type        = string
  sensitive   = true
}

variable "proxy_notifier_password" {
  description = "Password of the notifier proxy user (write-only: never in plan or state)."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "proxy_notifier_password_version" {
  description = "Increment after changing proxy_notifier_password, so that the new password is sent."
  type        = number
  default     = 1
}

variable "lower_manager_initial_secret" {
  description = "Initial secret the lower manager was prepared with (write-only: never in plan or state)."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "wmi_password" {
  description = "Password of the WMI user (write-only)."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "wmi_password_version" {
  description = "Increment after changing wmi_password."
  type        = number
  default     = 1
}

variable "ssh_password" {
  description = "Password of the SSH user (kept in state, marked sensitive)."
  type        = string
  sensitive   = true
}

variable "ssh_root_password" {
  description = "Root password for SSH (write-only)."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "wbem_password" {
  description = "Password of the WBEM user (kept in state, marked sensitive)."
  type        = string
  sensitive   = true
}

variable "snmp_community" {
  description = "SNMP v1/v2c community (JP1 returns it, so drift is detected)."
  type        = string
  sensitive   = true
}

variable "snmp_auth_passphrase" {
  description = "SNMPv3 authentication passphrase (write-only)."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "snmp_privacy_passphrase" {
  description = "SNMPv3 privacy passphrase (write-only)."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "agent_password" {
  description = "Password JP1/Operations Analytics uses on the monitored host app01 (write-only)."
  type        = string
  sensitive   = true
  ephemeral   = true
}
