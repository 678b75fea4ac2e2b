# Adopt an existing JP1 estate (see the guide "Adopting an existing JP1 estate").
#
#   terraform init
#   terraform query -generate-config-out=estate.tf   # Terraform 1.14 or later; reads estate.tfquery.hcl
#   sh fill-secrets.sh estate.tf && terraform fmt
#   export TF_VAR_jp1_secrets='{"jp1_proxy_user.proxyuser01.password": "...", ...}'   # from your secret store
#   terraform plan                                    # imports, and the secrets the first apply sends
#   terraform apply

terraform {
  required_providers {
    jp1 = {
      source = "jp1-terraform/jp1"
    }
  }
}

# Endpoints and logins from JP1_IM_* and JP1_ANALYTICS_* environment variables.
provider "jp1" {}

# Every secret of the estate, keyed "<resource type>.<object key>.<argument>":
#   jp1_proxy_user.<user_id>.password
#   jp1_im_lower_manager.<hostname>.initial_secret
#   jp1_analytics_credential.<name>.<password | root_password | community | authentication_passphrase | privacy_passphrase>
# fill-secrets.sh makes the generated configuration read them from here.
variable "jp1_secrets" {
  type      = map(string)
  sensitive = true
  default   = {}
}
