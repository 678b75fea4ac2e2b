# Import by the lower manager's host name. JP1 never returns the initial secret, so it stays
# null until the first apply after the import sends the configured one.
terraform import jp1_im_lower_manager.branch_osaka jp1mgr-osaka.example.com
