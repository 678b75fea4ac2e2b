# An IM client secret for an OSS tool that issues JP1 events through the IM REST API.
resource "jp1_im_client" "zabbix" {
  client_id = "zabbix-event-bridge"
}

# Hand the secret JP1 issued to the tool that uses it; it is known only after create
# (JP1 returns it once, and never again).
output "zabbix_client_secret" {
  value     = jp1_im_client.zabbix.client_secret
  sensitive = true
}

# Rotation: JP1 cannot re-issue a secret in place, so any change to keepers replaces the
# client (the old secret is deleted, a new one is issued). Change the value to rotate.
resource "jp1_im_client" "prometheus" {
  client_id = "prometheus-trend-exporter"

  keepers = {
    rotation = "2026-Q4"
  }
}
