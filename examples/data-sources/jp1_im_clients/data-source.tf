# Client IDs registered on the IM manager. System IDs (MANAGER_INTEGRATED_<host>, registered
# when a lower manager is added) are left out unless include_system = true.
data "jp1_im_clients" "all" {}

data "jp1_im_clients" "with_system" {
  include_system = true
}

output "im_client_ids" {
  value = data.jp1_im_clients.all.client_ids
}

# Warn in every plan (a check block never fails it) when a client ID that an OSS tool
# depends on has been removed by hand.
check "event_bridge_registered" {
  assert {
    condition     = contains(data.jp1_im_clients.all.client_ids, "zabbix-event-bridge")
    error_message = "IM client zabbix-event-bridge is not registered on the manager."
  }
}
