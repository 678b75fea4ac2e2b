#!/usr/bin/env sh
# Drift check for a JP1 configuration, for any scheduler (cron, Jenkins, GitLab CI, ...).
#
#   usage: drift-check.sh [configuration directory]     (default: the current directory)
#
# Exit status: 0 = JP1 matches the configuration, 2 = drift (changed outside Terraform) or objects that
# no resource manages, 1 = error (bad credentials, JP1 unreachable, invalid configuration, ...).
#
# After the plan, with Terraform 1.14 or later and a *.tfquery.hcl file in the directory (copy
# unmanaged.tfquery.hcl), it lists every JP1 object with `terraform query` and prints one line per
# object that no resource in the state manages ("unmanaged: jp1_proxy_user gui-proxy-3"). An older
# Terraform, or OpenTofu (which has no query), runs the plan check alone and says so.
#
# The provider reads JP1_IM_* / JP1_ANALYTICS_* (and JP1_CA_CERT_FILE) from the environment,
# and Terraform reads the configuration's secret variables from TF_VAR_*: export them from
# your secret store before calling this script. Optional:
#   TERRAFORM          terraform (or tofu) binary            default: terraform
#   INIT_ARGS          extra arguments for terraform init, split on spaces, for example
#                      "-plugin-dir=/opt/terraform/plugins" or "-backend-config=ci.tfbackend"
#   DRIFT_REPORT       where the plan text (and the unmanaged objects) go   default: <dir>/drift-report.txt
#   DRIFT_WEBHOOK_URL  a chat webhook (Slack, Teams, Mattermost) that gets one line on drift,
#                      unmanaged objects or error; the plan itself is never posted
#   UNMANAGED_CHECK    0 turns the unmanaged-objects check off    default: 1
set -u

dir=${1:-.}
terraform=${TERRAFORM:-terraform}
cd "$dir" || exit 1
report=${DRIFT_REPORT:-$PWD/drift-report.txt}
export TF_IN_AUTOMATION=1 TF_INPUT=0

notify() {
	[ -n "${DRIFT_WEBHOOK_URL:-}" ] || return 0
	# The message is a fixed sentence plus the directory name: nothing to escape, nothing secret.
	curl --silent --show-error --max-time 20 -H 'Content-Type: application/json' \
		--data "{\"text\": \"$1\"}" "$DRIFT_WEBHOOK_URL" >/dev/null ||
		echo "drift-check: could not post to the webhook" >&2
}

# diagnostics FILE: the errors and warnings in the output of `terraform ... -json`, one line each with the
# block they concern and their detail, and any line that is not JSON. (A diagnostic holds no secret:
# Terraform shows sensitive values as (sensitive value), and the list blocks read no attribute at all.)
diagnostics() {
	awk '
		function field(name) {
			if (!match($0, "\"" name "\":\"([^\"\\\\]|\\\\.)*\"")) return ""
			s = substr($0, RSTART + length(name) + 4, RLENGTH - length(name) - 5)
			gsub(/\\n/, " ", s); gsub(/\\"/, "\"", s)
			return s
		}
		!/^[{]/ { print; next }
		/"type":"diagnostic"/ {
			address = field("address")
			print field("@message") (address == "" ? "" : " (" address ")")
			if (field("detail") != "") print "    " field("detail")
		}' "$1"
}

# check_unmanaged: the unmanaged-objects check. Returns 0 (none, or skipped), 2 (some) or 1 (error).
check_unmanaged() {
	if [ "${UNMANAGED_CHECK:-1}" = 0 ]; then
		echo "drift-check: the unmanaged-objects check is turned off (UNMANAGED_CHECK=0)"
		return 0
	fi
	version=$(CHECKPOINT_DISABLE=1 "$terraform" version 2>/dev/null | sed -n 1p)
	major=$(echo "$version" | sed -n 's/^Terraform v\([0-9][0-9]*\)\.\([0-9][0-9]*\)\..*/\1/p')
	minor=$(echo "$version" | sed -n 's/^Terraform v\([0-9][0-9]*\)\.\([0-9][0-9]*\)\..*/\2/p')
	if [ -z "$major" ] || { [ "$major" -eq 1 ] && [ "$minor" -lt 14 ]; } || [ "$major" -lt 1 ]; then
		echo "drift-check: the unmanaged-objects check needs Terraform 1.14 or later (terraform query), not ${version:-$terraform}: skipped, ran the plan check alone"
		return 0
	fi
	set -- ./*.tfquery.hcl
	if [ ! -e "$1" ]; then
		echo "drift-check: no *.tfquery.hcl in $PWD: the unmanaged-objects check did not run (copy unmanaged.tfquery.hcl there to turn it on)"
		return 0
	fi

	tmp=$(mktemp -d) || return 1
	trap 'rm -rf "$tmp"' EXIT
	# Every object the list blocks find, as "<type> <key><TAB><display name>". The query lists identities
	# only (no include_resource): its output holds no attribute of any object.
	"$terraform" query -no-color -json >"$tmp/query.json" 2>&1
	qcode=$?
	diagnostics "$tmp/query.json"
	if [ "$qcode" -ne 0 ]; then
		echo "drift-check: terraform query failed (exit $qcode): the unmanaged-objects check could not run" >&2
		notify "JP1 unmanaged-objects check failed in $(basename "$PWD") (terraform query exit $qcode)"
		return 1
	fi
	awk '
		/"type":"list_resource_found"/ {
			type = ""; key = ""; name = ""
			if (match($0, /"resource_type":"jp1_[a-z0-9_]+"/)) type = substr($0, RSTART + 17, RLENGTH - 18)
			if (match($0, /"identity":[{]"[a-z_]+":("([^"\\]|\\.)*"|[0-9]+)[}]/)) {
				key = substr($0, RSTART, RLENGTH)
				sub(/^"identity":[{]"[a-z_]+":/, "", key); sub(/[}]$/, "", key); gsub(/"/, "", key)
			}
			if (match($0, /"display_name":"([^"\\]|\\.)*"/)) name = substr($0, RSTART + 16, RLENGTH - 17)
			if (type == "" || key == "") { unread++; next }
			print type " " key "\t" name
		}
		END { if (unread) { print unread " results of terraform query -json could not be read" >"/dev/stderr"; exit 3 } }
	' "$tmp/query.json" >"$tmp/found" || {
		echo "drift-check: the unmanaged-objects check could not read what terraform query found" >&2
		return 1
	}
	LC_ALL=C sort -u "$tmp/found" >"$tmp/listed"

	# What the state manages, as "<type> <key>": each JP1 resource's identity (client_id, user_id,
	# hostname or instance_id), or its id (the same key) in state written before Terraform 1.12, which
	# kept no identity. `terraform show -json` holds the sensitive values, so it goes through a pipe
	# into awk, which prints the keys and nothing else; it is never stored or printed.
	scode=$({ {
		"$terraform" show -no-color -json 2>"$tmp/show.err"
		echo $? >&3
	} | awk '
		{
			n = split($0, part, /"mode":"managed","type":"/)
			for (i = 2; i <= n; i++) {
				p = part[i]
				type = p; sub(/".*/, "", type)
				if (type !~ /^jp1_[a-z0-9_]+$/) continue
				key = ""
				if (match(p, /"identity":[{]"[a-z_]+":("([^"\\]|\\.)*"|[0-9]+)[}]/)) {
					key = substr(p, RSTART, RLENGTH)
					sub(/^"identity":[{]"[a-z_]+":/, "", key)
				} else if (match(p, /"values":[{].*/)) {
					p = substr(p, RSTART)
					if (match(p, /"id":"([^"\\]|\\.)*"/)) { key = substr(p, RSTART + 5, RLENGTH - 5) }
				}
				sub(/[}]$/, "", key); gsub(/"/, "", key)
				if (key != "") print type " " key
			}
		}' | LC_ALL=C sort -u >"$tmp/managed"; } 3>&1)
	if [ "$scode" != 0 ]; then
		cat "$tmp/show.err"
		echo "drift-check: terraform show failed (exit $scode): the unmanaged-objects check could not run" >&2
		notify "JP1 unmanaged-objects check failed in $(basename "$PWD") (terraform show exit $scode)"
		return 1
	fi

	# Listed but not managed, sorted by type and key; the display name (a credential's name) when it is
	# not the key.
	awk -F '	' '
		FILENAME == ARGV[1] { managed[$0] = 1; next }
		!($1 in managed) {
			split($1, tk, " ")
			print "unmanaged: " $1 (tk[2] == $2 || $2 == "" ? "" : " (" $2 ")")
		}' "$tmp/managed" "$tmp/listed" | LC_ALL=C sort -k2,2 -k3,3n -k3,3 >"$tmp/unmanaged"
	listed=$(wc -l <"$tmp/listed" | tr -d ' ')
	count=$(wc -l <"$tmp/unmanaged" | tr -d ' ')
	if [ "$count" -eq 0 ]; then
		echo "drift-check: no unmanaged objects: the state manages all $listed objects the list blocks found"
		return 0
	fi
	cat "$tmp/unmanaged"
	{
		echo
		echo "Objects in JP1 that no resource in the state manages ($count):"
		cat "$tmp/unmanaged"
	} >>"$report"
	echo "drift-check: UNMANAGED: $count of the $listed objects in JP1 are not managed by this configuration; adopt them (terraform query -generate-config-out) or remove them" >&2
	notify "JP1 objects not managed by Terraform found in $(basename "$PWD"): run the drift check there to list them"
	return 2
}

# INIT_ARGS is split on purpose: it holds several arguments.
# shellcheck disable=SC2086
if ! "$terraform" init -input=false -no-color ${INIT_ARGS:-} >"$report" 2>&1; then
	cat "$report"
	echo "drift-check: terraform init failed in $PWD" >&2
	notify "JP1 drift check could not run in $(basename "$PWD"): terraform init failed"
	exit 1
fi

"$terraform" plan -input=false -no-color -lock-timeout=5m -detailed-exitcode >"$report" 2>&1
code=$?
cat "$report"

case $code in
0)
	echo "drift-check: no drift: JP1 matches the configuration in $PWD"
	;;
2)
	echo "drift-check: DRIFT: JP1 was changed outside Terraform; plan text in $report" >&2
	notify "JP1 drift detected in $(basename "$PWD"): run terraform plan there to review it"
	;;
*)
	echo "drift-check: terraform plan failed (exit $code); see $report" >&2
	notify "JP1 drift check failed in $(basename "$PWD") (terraform plan exit $code)"
	code=1
	;;
esac

# The unmanaged-objects check, unless the plan failed: drift or unmanaged objects exit 2, an error 1.
if [ "$code" -ne 1 ]; then
	check_unmanaged
	case $? in
	1) code=1 ;;
	2) code=2 ;;
	esac
fi
exit "$code"
