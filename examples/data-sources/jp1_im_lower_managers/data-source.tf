# Lower managers the integration manager lists, managed by Terraform or not
# (JP1 never returns their initial secrets).
data "jp1_im_lower_managers" "all" {}

output "lower_managers" {
  value = data.jp1_im_lower_managers.all.hostnames
}
