#!/usr/bin/env bash
# `make test-live-fake`: the live mode (internal/live, `make testacc-live`, `make sweep-live`) against the
# standalone fake JP1, started as a separate process on loopback and reached only through the JP1_*
# environment variables, as a real JP1 would be. So the live mode itself is tested, without a JP1:
#
#   1. the live tests, read-write, with TERRAFORM (and, when one is found, the identity and list-resource
#      tests again with a Terraform >= 1.14: QUERY_TERRAFORM, else the newest terraform-* in JP1_CLI_DIR);
#   2. the prefix check: nothing prefixed is left, and the objects without the prefix that were there
#      before (some containing the prefix elsewhere in their name) are all still there;
#   3. the sweeper after an interrupted run: a live test killed (SIGKILL) once it has created credentials,
#      plus prefixed objects of every kind made by hand; `jp1live sweep` must refuse an empty prefix, then
#      remove every prefixed object and nothing else;
#   4. the read-only subset on a fresh fake, importing objects named in JP1_LIVE_IMPORT_*: the fake must
#      count no write request (anything but lists, reads, logins, logouts and versions).
#
#   usage: TERRAFORM=/path/to/terraform internal/live/test-against-fake.sh
#
# It prints each run's summary and the sweeper's output; no secret is printed.
set -euo pipefail

step() { printf '\n==> %s\n' "$*"; }
die() {
	printf 'test-live-fake: %s\n' "$*" >&2
	exit 1
}

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TERRAFORM=${TERRAFORM:-$(command -v terraform || true)}
[[ -n "$TERRAFORM" && -x "$TERRAFORM" ]] || die "no terraform: set TERRAFORM or put terraform (>= 1.11) on PATH"
readonly prefix=tfacc-

work=$(mktemp -d "${TMPDIR:-/tmp}/jp1-live-fake.XXXXXX")
fake_pids=()
test_pgid=
cleanup() {
	local rc=$?
	if [[ -n "$test_pgid" ]]; then
		kill -KILL -- "-$test_pgid" 2>/dev/null || true
	fi
	for pid in "${fake_pids[@]}"; do
		if kill -0 "$pid" 2>/dev/null; then
			kill "$pid" 2>/dev/null || true
			wait "$pid" 2>/dev/null || true
		fi
	done
	rm -rf "$work"
	if [[ $rc -ne 0 ]]; then
		printf '\ntest-live-fake: FAILED (exit %d)\n' "$rc" >&2
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Nothing from the caller's shell: no real JP1 settings, no CLI configuration.
unset JP1_LIVE JP1_LIVE_READONLY JP1_LIVE_PREFIX JP1_LIVE_REPORT JP1_LIVE_IMPORT_CLIENT_ID JP1_LIVE_IMPORT_PROXY_USER \
	JP1_LIVE_IMPORT_CREDENTIAL_NAME JP1_LIVE_IMPORT_LOWER_MANAGER JP1_LIVE_LOWER_MANAGER_HOST JP1_LIVE_LOWER_MANAGER_SECRET \
	JP1_IM_ENDPOINT JP1_IM_USERNAME JP1_IM_PASSWORD JP1_IM_AUTH_METHOD \
	JP1_ANALYTICS_ENDPOINT JP1_ANALYTICS_USERNAME JP1_ANALYTICS_PASSWORD JP1_CA_CERT_FILE JP1_INSECURE_SKIP_VERIFY \
	TF_ACC_TERRAFORM_VERSION TF_LOG TF_LOG_PATH TF_PLUGIN_CACHE_DIR TF_CLI_ARGS
: >"$work/empty.tfrc"
export TF_CLI_CONFIG_FILE="$work/empty.tfrc" CHECKPOINT_DISABLE=1 TMPDIR="$work"

# A Terraform >= 1.14 for the identity and list-resource tests, as examples/demo/run.sh finds one.
cli_version() { TF_CLI_ARGS='' CHECKPOINT_DISABLE=1 "$1" version 2>/dev/null | sed -n 1p; }
has_query() {
	[[ -x "$1" && "$(cli_version "$1")" =~ ^Terraform\ v([0-9]+)\.([0-9]+)\. ]] || return 1
	((BASH_REMATCH[1] > 1 || (BASH_REMATCH[1] == 1 && BASH_REMATCH[2] >= 14)))
}
if [[ -z "${QUERY_TERRAFORM:-}" ]] && ! has_query "$TERRAFORM"; then
	while IFS= read -r candidate; do
		if has_query "$candidate"; then
			QUERY_TERRAFORM=$candidate
			break
		fi
	done < <(printf '%s\n' "${JP1_CLI_DIR:-$(go env GOPATH)/clis}"/terraform-* | sort -r -V)
fi

step "Building the fake JP1, jp1live and the live tests"
(cd "$repo" && go build -o "$work/fakejp1" ./internal/fakejp1/cmd/fakejp1 &&
	go build -o "$work/jp1live" ./internal/live/cmd/jp1live &&
	go test -c -o "$work/live.test" ./internal/live)

# start_fake NAME: start a fake on 127.0.0.1:0 and set $url to its URL.
start_fake() {
	"$work/fakejp1" -addr 127.0.0.1:0 -url-file "$work/$1.url" >"$work/$1.log" 2>&1 &
	local pid=$!
	fake_pids+=("$pid")
	for _ in $(seq 1 100); do
		[[ -s "$work/$1.url" ]] && break
		kill -0 "$pid" 2>/dev/null || die "the fake JP1 exited during start-up: $(grep -iv password "$work/$1.log")"
		sleep 0.1
	done
	[[ -s "$work/$1.url" ]] || die "the fake JP1 wrote no URL within 10 s"
	url=$(tr -d '[:space:]' <"$work/$1.url")
	[[ "$url" == http://127.0.0.1:* ]] || die "unexpected URL from the fake: $url"
	echo "fake JP1 ($1) listening on $url (pid $pid)"
	# The fake's well-known users, as a pipeline would take real ones from its secret store.
	export JP1_IM_ENDPOINT="$url" JP1_IM_USERNAME=jp1admin JP1_IM_PASSWORD=jp1admin-password
	export JP1_ANALYTICS_ENDPOINT="$url" JP1_ANALYTICS_USERNAME=system JP1_ANALYTICS_PASSWORD=manager
}

# live_run NAME TERRAFORM RUN-REGEXP: the live tests, their -v output in $work/NAME.out, the summary printed.
live_run() {
	local name=$1 tf=$2 run=$3 rc=0
	JP1_LIVE=1 JP1_LIVE_REPORT="$work/$name.report" TF_ACC_TERRAFORM_PATH="$tf" \
		"$work/live.test" -test.run "$run" -test.v -test.count=1 -test.timeout 10m >"$work/$name.out" 2>&1 || rc=$?
	grep -E '^(--- |FAIL|panic)' "$work/$name.out" || true
	[[ -s "$work/$name.report" ]] && cat "$work/$name.report"
	if [[ $rc -ne 0 ]]; then
		cat "$work/$name.out" >&2
		die "the live run '$name' failed (exit $rc)"
	fi
}

# inventory FILE: every object the fake lists, "<type> <name>", into FILE.
inventory() { JP1_LIVE_PREFIX=$prefix "$work/jp1live" inventory >"$1"; }
prefixed() { grep -c " $prefix" "$1" || true; }

step "Starting the fake JP1 (the live tests reach it only through JP1_IM_* and JP1_ANALYTICS_*)"
start_fake rw
rw_url=$url
lm_host="${prefix}lm-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n').example"
lm_secret="lm-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export JP1_LIVE_LOWER_MANAGER_HOST="$lm_host" JP1_LIVE_LOWER_MANAGER_SECRET="$lm_secret"

step "Objects someone else made, without the prefix (two of them contain it further on)"
"$work/fakejp1" seed-estate -url "$rw_url" -prefix keep -count 1 -secrets-file "$work/keep.json"
"$work/fakejp1" seed-estate -url "$rw_url" -prefix "x-${prefix%-}" -count 1 -secrets-file "$work/x.json"
inventory "$work/others.before"
echo "$(wc -l <"$work/others.before") objects without the prefix"

step "The live tests, read-write, with $(cli_version "$TERRAFORM")"
live_run rw "$TERRAFORM" '^TestLive'
if [[ -n "${QUERY_TERRAFORM:-}" ]] && has_query "$QUERY_TERRAFORM"; then
	step "The identity and list-resource live tests again, with $(cli_version "$QUERY_TERRAFORM")"
	live_run rw-query "$QUERY_TERRAFORM" '^TestLive_(identity|listResources|importPlan)$'
else
	echo "test-live-fake: no Terraform >= 1.14 found (QUERY_TERRAFORM, JP1_CLI_DIR): the identity and list-resource tests were skipped above"
fi

step "Prefix check: nothing prefixed is left, and every object without the prefix is untouched"
inventory "$work/after-rw"
[[ $(prefixed "$work/after-rw") -eq 0 ]] || die "prefixed objects left after the live run: $(grep " $prefix" "$work/after-rw")"
diff -u "$work/others.before" "$work/after-rw" || die "objects without the prefix changed"
echo "no prefixed object left; the $(wc -l <"$work/others.before") others are unchanged"

step "An interrupted run: the credential lifecycle killed (SIGKILL) as soon as JP1 lists what it created"
JP1_LIVE=1 TF_ACC_TERRAFORM_PATH="$TERRAFORM" setsid "$work/live.test" -test.run '^TestLive_analyticsCredentialLifecycle$' \
	-test.count=1 >"$work/killed.out" 2>&1 &
test_pgid=$!
left=0
for _ in $(seq 1 600); do
	inventory "$work/killed"
	left=$(prefixed "$work/killed")
	[[ $left -ge 1 ]] && break
	kill -0 "$test_pgid" 2>/dev/null || break
	sleep 0.02
done
kill -KILL -- "-$test_pgid" 2>/dev/null || true
wait "$test_pgid" 2>/dev/null || true
test_pgid=
inventory "$work/killed"
left=$(prefixed "$work/killed")
[[ $left -ge 1 ]] || die "the interrupted run left nothing to sweep: $(tail -5 "$work/killed.out")"
echo "killed; it left ${left} prefixed object(s)"
"$work/fakejp1" seed-estate -url "$rw_url" -prefix "${prefix%-}" -count 2 -secrets-file "$work/ours.json"
inventory "$work/before-sweep"
echo "$(prefixed "$work/before-sweep") prefixed objects left behind:"
grep " $prefix" "$work/before-sweep" | awk '{ print $1 }' | sort | uniq -c

step "jp1live sweep refuses an empty prefix"
if JP1_LIVE_PREFIX='' "$work/jp1live" sweep >"$work/refused.out" 2>&1; then
	cat "$work/refused.out"
	die "the sweep ran without a prefix"
fi
cat "$work/refused.out"

step "jp1live sweep (make sweep-live)"
JP1_LIVE_PREFIX=$prefix "$work/jp1live" sweep
inventory "$work/after-sweep"
[[ $(prefixed "$work/after-sweep") -eq 0 ]] || die "prefixed objects left after the sweep: $(grep " $prefix" "$work/after-sweep")"
diff -u "$work/others.before" "$work/after-sweep" || die "the sweep changed objects without the prefix"
echo "no prefixed object left; the $(wc -l <"$work/others.before") others are unchanged"

step "The read-only subset on a fresh fake, planning the import of objects named in JP1_LIVE_IMPORT_*"
start_fake ro
ro_url=$url
unset JP1_LIVE_LOWER_MANAGER_HOST JP1_LIVE_LOWER_MANAGER_SECRET
"$work/fakejp1" seed-estate -url "$ro_url" -prefix existing -count 1 -secrets-file "$work/existing.json"
export JP1_LIVE_READONLY=1 JP1_LIVE_IMPORT_CLIENT_ID=existing-client-1 JP1_LIVE_IMPORT_PROXY_USER=existing-proxy-1 \
	JP1_LIVE_IMPORT_CREDENTIAL_NAME=existing-snmpv3-1 JP1_LIVE_IMPORT_LOWER_MANAGER=existing-lm-1.example
live_run ro "$TERRAFORM" '^TestLive'
if [[ -n "${QUERY_TERRAFORM:-}" ]] && has_query "$QUERY_TERRAFORM"; then
	live_run ro-query "$QUERY_TERRAFORM" '^TestLive_listResources$'
fi
"$work/jp1live" check-writes -url "$ro_url"

echo
echo "test-live-fake: OK"
