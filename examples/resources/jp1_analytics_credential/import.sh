# Import by the instanceID JP1/Operations Analytics gave the credential:
terraform import jp1_analytics_credential.ssh 42

# Or by its name (the provider looks the instanceID up):
terraform import jp1_analytics_credential.ssh "name:linux-servers-ssh"
