# Import by the proxy user's ID. JP1 never returns the password: the next apply sends
# the one in your configuration.
terraform import jp1_proxy_user.plugin proxyuser01
