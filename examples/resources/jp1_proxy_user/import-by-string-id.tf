# Terraform 1.5 and later: adopt an existing proxy user with an import block.
import {
  to = jp1_proxy_user.plugin
  id = "proxyuser01"
}
