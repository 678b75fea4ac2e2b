# Terraform 1.5 and later: adopt a lower manager the integration manager already lists.
import {
  to = jp1_im_lower_manager.branch_osaka
  id = "jp1mgr-osaka.example.com"
}
