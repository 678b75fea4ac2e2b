# What `terraform query` lists (Terraform 1.14 or later): every object of the four kinds. IM clients leave out
# JP1's own MANAGER_INTEGRATED_<host> IDs (include_system defaults to false).
# A list block returns at most 100 results unless it sets `limit`: set it to at least the number of objects of
# the largest kind.

list "jp1_im_client" "im_clients" {
  provider = jp1
  limit    = 1000
}

list "jp1_proxy_user" "proxy_users" {
  provider = jp1
  limit    = 1000
}

list "jp1_im_lower_manager" "lower_managers" {
  provider = jp1
  limit    = 1000
}

list "jp1_analytics_credential" "credentials" {
  provider = jp1
  limit    = 1000
}
