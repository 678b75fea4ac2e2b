#!/usr/bin/env sh
# Drift check for a JP1 configuration, for any scheduler (cron, Jenkins, GitLab CI, ...).
#
#   usage: drift-check.sh [configuration directory]     (default: the current directory)
#
# Exit status: 0 = JP1 matches the configuration, 2 = drift (changed outside Terraform),
# 1 = error (bad credentials, JP1 unreachable, invalid configuration, ...).
#
# The provider reads JP1_IM_* / JP1_ANALYTICS_* (and JP1_CA_CERT_FILE) from the environment,
# and Terraform reads the configuration's secret variables from TF_VAR_*: export them from
# your secret store before calling this script. Optional:
#   TERRAFORM          terraform (or tofu) binary            default: terraform
#   INIT_ARGS          extra arguments for terraform init, split on spaces, for example
#                      "-plugin-dir=/opt/terraform/plugins" or "-backend-config=ci.tfbackend"
#   DRIFT_REPORT       where the plan text goes              default: <dir>/drift-report.txt
#   DRIFT_WEBHOOK_URL  a chat webhook (Slack, Teams, Mattermost) that gets one line on drift
#                      or error; the plan itself is never posted
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
exit "$code"
