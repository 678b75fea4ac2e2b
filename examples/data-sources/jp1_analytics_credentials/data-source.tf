# Every SNMP credential (all pages); omit credential_type to list every credential.
data "jp1_analytics_credentials" "snmp" {
  credential_type = "SNMP"
}

output "snmp_credential_names" {
  value = [for c in data.jp1_analytics_credentials.snmp.credentials : c.name]
}

# SNMPv3 credentials without privacy (each credential has only its own type's object set).
output "snmp_v3_without_privacy" {
  value = [
    for c in data.jp1_analytics_credentials.snmp.credentials : c.name
    if c.snmp_v3 != null && try(c.snmp_v3.privacy_protocol, null) == null
  ]
}

# Credentials no monitored resource uses any more: candidates for clean-up.
output "unused_credentials" {
  value = [
    for c in data.jp1_analytics_credentials.snmp.credentials : c.name
    if c.num_of_related_resources == 0
  ]
}
