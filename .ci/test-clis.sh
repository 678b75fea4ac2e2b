#!/usr/bin/env bash
# Runs the acceptance and e2e suites (internal/provider, internal/e2e) once per CLI given, with TF_ACC=1, and
# prints one line per CLI: which CLI, its result, how many tests passed, failed and were skipped. Tests that
# need a newer CLI skip with a message naming the version they need; the skip reasons are listed too.
#
#   usage: .ci/test-clis.sh CLI...        (make test-clis finds them: see GNUmakefile)
#
# OpenTofu resolves a provider without a host to registry.opentofu.org, so its runs set TF_ACC_PROVIDER_HOST
# (terraform-plugin-testing) to match. Exit status: 0 when every suite passed, 1 otherwise.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
[[ $# -gt 0 ]] || { echo "test-clis: no CLI given" >&2; exit 2; }

empty_rc=$PWD/bin/empty.tfrc
mkdir -p bin && : >"$empty_rc"
logs=$(mktemp -d "${TMPDIR:-/tmp}/jp1-test-clis.XXXXXX")
failed=0
summary=()
declare -A seen
for cli in "$@"; do
	[[ -x "$cli" ]] || { echo "test-clis: $cli is not an executable: skipped" >&2; continue; }
	real=$(readlink -f "$cli")
	[[ -z "${seen[$real]:-}" ]] || continue
	seen[$real]=1
	name=$(TF_CLI_CONFIG_FILE="$empty_rc" CHECKPOINT_DISABLE=1 "$cli" version 2>/dev/null | head -1)
	[[ -n "$name" ]] || { echo "test-clis: $cli does not run: skipped" >&2; continue; }
	env=(TF_ACC=1 TF_ACC_TERRAFORM_PATH="$cli" TF_CLI_CONFIG_FILE="$empty_rc")
	[[ $name == OpenTofu* ]] && env+=(TF_ACC_PROVIDER_HOST=registry.opentofu.org)
	log="$logs/$(basename "$cli").log"
	echo "test-clis: running the acceptance and e2e suites on $name ($cli); log: $log"
	env "${env[@]}" go test -count=1 -v -timeout 20m ./internal/provider/ ./internal/e2e/ >"$log" 2>&1
	rc=$?
	passed=$(grep -cE '^\s*--- PASS' "$log")
	fails=$(grep -cE '^\s*--- FAIL' "$log")
	skipped=$(grep -cE '^\s*--- SKIP' "$log")
	result=PASS
	if [[ $rc -ne 0 ]]; then
		result=FAIL
		failed=1
		grep -E '^\s*--- FAIL|^FAIL' "$log" | head -20
	fi
	summary+=("test-clis: $name: $result ($passed tests passed, $fails failed, $skipped skipped)")
	# Why tests skipped: the message each skip gave, once each.
	while IFS= read -r reason; do
		summary+=("    skipped: $reason")
	done < <(grep -B3 -E '^\s*--- SKIP' "$log" | grep -E '^\s+[A-Za-z0-9_]+\.go:[0-9]+: ' | sed -E 's/^\s*[A-Za-z0-9_]+\.go:[0-9]+: //' | sort | uniq -c | sed -E 's/^\s*([0-9]+) /\1 × /')
done
echo
printf '%s\n' "${summary[@]}"
if [[ $failed -eq 0 ]]; then
	rm -rf "$logs"
else
	echo "test-clis: logs kept in $logs" >&2
fi
exit "$failed"
