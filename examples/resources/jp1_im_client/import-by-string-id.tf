# Terraform 1.5 and later: adopt an existing client ID with an import block.
import {
  to = jp1_im_client.zabbix
  id = "zabbix-event-bridge"
}
