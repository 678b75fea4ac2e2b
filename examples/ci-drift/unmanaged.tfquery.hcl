# The unmanaged-objects check of drift-check.sh (Terraform 1.14 or later): copy this file next to the
# configuration the drift check plans. `terraform plan` ignores *.tfquery.hcl files; `terraform query` lists
# every object of these four kinds, and drift-check.sh reports each one that no resource in the state manages.
#
# Only identities and names come back (no include_resource): no attribute of any object, so no secret either.
# Remove the blocks of a product this configuration does not manage (a list block of JP1/IM fails the query
# when the provider has no IM endpoint), and narrow a block when other configurations manage some of the
# objects, for example `name_regex = "^web-"` on the credentials. `limit` defaults to 100 results per block;
# keep it above the size of your estate, or the rest is not checked.

list "jp1_im_client" "all" {
  provider = jp1
  limit    = 10000
}

list "jp1_proxy_user" "all" {
  provider = jp1
  limit    = 10000
}

list "jp1_im_lower_manager" "all" {
  provider = jp1
  limit    = 10000
}

list "jp1_analytics_credential" "all" {
  provider = jp1
  limit    = 10000
}
