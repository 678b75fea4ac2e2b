# Proxy-server user IDs registered on the IM manager (JP1 never returns their passwords).
data "jp1_proxy_users" "all" {}

output "proxy_user_ids" {
  value = data.jp1_proxy_users.all.user_ids
}
