output "credential_id" {
  description = "instanceID of the analytics credential."
  value       = jp1_analytics_credential.this.id
}

output "credential_type" {
  description = "JP1 credential type: WMI or SSH."
  value       = jp1_analytics_credential.this.credential_type
}

output "credential_name" {
  description = "Name of the analytics credential."
  value       = jp1_analytics_credential.this.name
}

output "client_id" {
  description = "IM client ID of the host's agent."
  value       = jp1_im_client.agent.client_id
}

output "client_secret" {
  description = "IM client secret for the agent's configuration. Known only after the client is created or rotated."
  value       = jp1_im_client.agent.client_secret
  sensitive   = true
}

output "client_secret_updated_at" {
  description = "When JP1 issued the current client secret (UTC)."
  value       = jp1_im_client.agent.last_update_time
}
