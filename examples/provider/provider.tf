terraform {
  required_version = ">= 1.11" # write-only (_wo) attributes need Terraform 1.11 or later
  required_providers {
    jp1 = {
      source = "jp1-terraform/jp1"
    }
  }
}

variable "jp1_im_password" {
  description = "Password of the JP1 user the provider logs in to JP1/IM as."
  type        = string
  sensitive   = true
  ephemeral   = true # never written to the plan or state
}

variable "jp1_analytics_password" {
  description = "Password of the JP1/Operations Analytics user (Admin permission)."
  type        = string
  sensitive   = true
  ephemeral   = true
}

# Both products in one provider block. Configure only the product your resources use:
# an IM resource without an `im` endpoint fails on that resource, not on the provider.
provider "jp1" {
  im = {
    endpoint    = "https://immhost01:20703" # JP1/IM3 - Manager (Intelligent Integrated Management Base)
    username    = "jp1admin"                # JP1_Console_Admin on JP1 resource group "*"
    password    = var.jp1_im_password
    auth_method = "login" # or "basic" when jp1.imdd.authBasic=true on the manager
  }

  analytics = {
    endpoint = "https://oahost01:22016" # JP1/Operations Analytics (22015 for http)
    username = "system"                 # needs the Admin permission
    password = var.jp1_analytics_password
  }

  # Trust the in-house CA that signed both servers' certificates.
  ca_cert_file = "/etc/pki/jp1/ca.pem"

  request_timeout = "30s" # per HTTP attempt
  retry = {
    max_attempts = 5
    min_wait     = "500ms"
    max_wait     = "30s"
  }
}

# Alternatively, leave the provider block empty (or omit it) and set environment variables,
# which is what CI pipelines usually do:
#
#   export JP1_IM_ENDPOINT=https://immhost01:20703
#   export JP1_IM_USERNAME=jp1admin
#   export JP1_IM_PASSWORD=...            # from your secret store
#   export JP1_IM_AUTH_METHOD=login       # or basic
#   export JP1_ANALYTICS_ENDPOINT=https://oahost01:22016
#   export JP1_ANALYTICS_USERNAME=system
#   export JP1_ANALYTICS_PASSWORD=...     # from your secret store
#   export JP1_CA_CERT_FILE=/etc/pki/jp1/ca.pem
#
# provider "jp1" {}
