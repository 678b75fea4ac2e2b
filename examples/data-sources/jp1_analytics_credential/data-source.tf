# Look a credential up by name (or by instanceID with `id = "42"`).
data "jp1_analytics_credential" "ssh" {
  name = "linux-servers-ssh"
}

output "ssh_credential" {
  value = {
    id                       = data.jp1_analytics_credential.ssh.id
    credential_type          = data.jp1_analytics_credential.ssh.credential_type
    user_id                  = data.jp1_analytics_credential.ssh.ssh.user_id # null unless it is an SSH credential
    port_number              = data.jp1_analytics_credential.ssh.ssh.port_number
    num_of_related_resources = data.jp1_analytics_credential.ssh.num_of_related_resources
  }
}
