variable "host_name" {
  description = "Host name of the monitored host; used in the credential name and the IM client ID."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9.-]{0,62}$", var.host_name))
    error_message = "host_name must be a host name: letters, digits, '.' and '-', at most 63 characters."
  }
}

variable "os" {
  description = "\"windows\" (the credential is WMI) or \"linux\" (the credential is SSH)."
  type        = string

  validation {
    condition     = contains(["windows", "linux"], var.os)
    error_message = "os must be \"windows\" or \"linux\"."
  }
}

variable "user_id" {
  description = "User JP1/Operations Analytics connects to the host as."
  type        = string
}

variable "password" {
  description = "Password of user_id. Write-only: sent to JP1, never stored in the plan or state."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "password_version" {
  description = "Increment to send a new password to JP1 (Terraform cannot compare a value it does not store)."
  type        = number
  default     = 1
}

variable "domain_name" {
  description = "Windows domain of user_id (WMI only)."
  type        = string
  default     = null
}

variable "ssh_port" {
  description = "SSH port (Linux only); null lets JP1 use its default."
  type        = number
  default     = null
}

variable "client_id_prefix" {
  description = "Prefix of the IM client ID. IDs must not start with AGENT_ or MANAGER_, nor contain ':'."
  type        = string
  default     = "agent-events-"
}

variable "secret_rotation" {
  description = "Any string; changing it rotates the IM client secret (for example \"2026-Q4\")."
  type        = string
  default     = "initial"
}
