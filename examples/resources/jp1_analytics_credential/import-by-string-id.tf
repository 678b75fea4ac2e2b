# Terraform 1.5 and later: adopt an existing credential with an import block, by name or instanceID.
import {
  to = jp1_analytics_credential.ssh
  id = "name:linux-servers-ssh" # or the instanceID, such as "42"
}
