#!/usr/bin/env sh
# Fill in the secrets of a configuration that `terraform query` or `terraform plan` wrote with -generate-config-out.
#
#   usage: fill-secrets.sh GENERATED_TF
#
# Terraform writes each sensitive argument as `<name> = null # sensitive` (JP1 returns no secret but the SNMP
# community). This rewrites each such line of a proxy user, lower manager or analytics credential, in place, to
# read the secret from the map variable jp1_secrets (declared in main.tf), keyed "<resource type>.<key>.<argument>":
#
#   jp1_proxy_user.<user_id>.password
#   jp1_im_lower_manager.<hostname>.initial_secret
#   jp1_analytics_credential.<name>.<password | root_password | community | authentication_passphrase | privacy_passphrase>
#
# A secret the map lacks stays null: a required one then fails the plan, naming the attribute; an optional one
# (an SSH root_password) is left as JP1 holds it. Write-only twins (`*_wo`) are left alone. No secret is read
# or written by this script: it only writes references to the variable. Running it twice changes nothing more.
set -eu
[ $# -eq 1 ] || { sed -n '2,16p' "$0" >&2; exit 2; }
file=$1
tmp=$(mktemp "${file}.XXXXXX")
trap 'rm -f "$tmp"' EXIT

awk '
function flush(   i, line, attr, indent) {
	for (i = 1; i <= n; i++) {
		line = buf[i]
		if (key != "" && match(line, /^[ \t]*[a-z_]+[ \t]*=[ \t]*null # sensitive$/)) {
			indent = line; sub(/[^ \t].*$/, "", indent)
			attr = line; sub(/^[ \t]*/, "", attr); sub(/[ \t].*$/, "", attr)
			if (attr !~ /_wo$/) {
				line = sprintf("%s%s = lookup(var.jp1_secrets, \"%s.%s.%s\", null)", indent, attr, type, key, attr)
			}
		}
		print line
	}
	n = 0; type = ""; key = ""
}
/^resource "jp1_[a-z_]+" "[^"]*" \{$/ {
	flush(); inblock = 1
	type = $2; gsub(/"/, "", type)
}
inblock && type != "" {
	buf[++n] = $0
	if (match($0, /^  (user_id|hostname|name)[ \t]*=[ \t]*"/)) {
		k = $0; sub(/^[^"]*"/, "", k); sub(/"[ \t]*$/, "", k)
		if ((type == "jp1_proxy_user" && $1 == "user_id") || (type == "jp1_im_lower_manager" && $1 == "hostname") ||
			(type == "jp1_analytics_credential" && $1 == "name")) key = k
	}
	if ($0 == "}") { flush(); inblock = 0 }
	next
}
{ print }
END { flush() }
' "$file" >"$tmp"
mv "$tmp" "$file"
trap - EXIT
