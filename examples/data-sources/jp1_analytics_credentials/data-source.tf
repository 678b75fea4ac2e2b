# Every SNMP credential (all pages); omit credential_type to list every credential.
data "jp1_analytics_credentials" "snmp" {
  credential_type = "SNMP"
}

output "snmp_credential_names" {
  value = [for c in data.jp1_analytics_credentials.snmp.credentials : c.name]
}

# Credentials no monitored resource uses any more: candidates for clean-up.
output "unused_credentials" {
  value = [
    for c in data.jp1_analytics_credentials.snmp.credentials : c.name
    if c.num_of_related_resources == 0
  ]
}
