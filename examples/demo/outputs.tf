# No output prints a secret: the client secrets are marked sensitive (shown as <sensitive>);
# fetch them with `terraform output -json im_client_secrets` straight into your secret store.

output "im_client_ids" {
  description = "IM client IDs managed here, with when JP1 issued each current secret (UTC)."
  value       = { for id, c in jp1_im_client.tool : id => c.last_update_time }
}

output "im_client_secrets" {
  description = "IM client secrets by client ID, for the tools' configuration."
  value       = { for id, c in jp1_im_client.tool : id => c.client_secret }
  sensitive   = true
}

output "registered_im_clients" {
  description = "Every client ID registered on the IM manager (also those not managed here)."
  value       = data.jp1_im_clients.registered.client_ids
}

output "proxy_user_ids" {
  description = "Proxy-server users managed here."
  value       = [jp1_proxy_user.collector.user_id, jp1_proxy_user.notifier.user_id]
}

output "analytics_credential_ids" {
  description = "instanceIDs of the analytics credentials, by kind."
  value = {
    wmi      = jp1_analytics_credential.wmi.id
    ssh      = jp1_analytics_credential.ssh.id
    wbem     = jp1_analytics_credential.wbem.id
    snmp_v2c = jp1_analytics_credential.snmp_v2c.id
    snmp_v3  = jp1_analytics_credential.snmp_v3.id
    app01    = module.app01.credential_id
  }
}

output "analytics_credential_names" {
  description = "Names of the analytics credentials, by kind."
  value = {
    wmi      = jp1_analytics_credential.wmi.name
    ssh      = jp1_analytics_credential.ssh.name
    wbem     = jp1_analytics_credential.wbem.name
    snmp_v2c = jp1_analytics_credential.snmp_v2c.name
    snmp_v3  = jp1_analytics_credential.snmp_v3.name
    app01    = module.app01.credential_name
  }
}

output "analytics_credential_types" {
  description = "JP1 credential type of each analytics credential (read-only, set by the block given)."
  value = {
    wmi      = jp1_analytics_credential.wmi.credential_type
    ssh      = jp1_analytics_credential.ssh.credential_type
    wbem     = jp1_analytics_credential.wbem.credential_type
    snmp_v2c = jp1_analytics_credential.snmp_v2c.credential_type
    snmp_v3  = jp1_analytics_credential.snmp_v3.credential_type
  }
}

output "app01" {
  description = "What the monitored-host module created for app01."
  value = {
    credential_id = module.app01.credential_id
    client_id     = module.app01.client_id
    secret_issued = module.app01.client_secret_updated_at
  }
}

output "lower_managers" {
  description = "Lower managers of the IM manager managed here."
  value       = [jp1_im_lower_manager.branch.hostname]
}
