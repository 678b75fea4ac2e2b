# Import by client ID. JP1 never returns a secret again, so client_secret stays null
# until the next rotation (a change to keepers).
terraform import jp1_im_client.zabbix zabbix-event-bridge
