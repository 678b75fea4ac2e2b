#!/usr/bin/env bash
# The `make demo` walk-through: the whole life of a JP1 configuration against the bundled
# fake JP1 server, offline, in a temporary directory.
#
#   usage: TERRAFORM=/path/to/terraform examples/demo/run.sh <dir holding terraform-provider-jp1>
#
# It starts the fake (JP1/IM and JP1/Operations Analytics on one loopback port), installs the
# provider from a local plugin directory, applies examples/demo (which calls
# examples/modules/monitored-host), shows that a second plan is empty, changes a credential
# behind Terraform's back through the real JP1 API, shows the plan that catches it
# (exit code 2), repairs it, takes the lower manager off the network, destroys everything (with
# JP1's warning about the unreachable lower manager) and prints what the fake was asked.
# With a Terraform >= 1.14 (QUERY_TERRAFORM: TERRAFORM when it is one, else the newest terraform-*
# in ${JP1_CLI_DIR:-$(go env GOPATH)/clis}), it then adopts objects made by hand in JP1 with
# `terraform query` (examples/adopt-estate) in a directory of their own; without one it says it
# skipped that part. No secret is ever printed.
set -euo pipefail

readonly PROVIDER_VERSION=0.0.1
# Terraform resolves "jp1-terraform/jp1" on registry.terraform.io, OpenTofu on registry.opentofu.org.
readonly PROVIDER_ADDRESSES="registry.terraform.io/jp1-terraform/jp1 registry.opentofu.org/jp1-terraform/jp1"

step() { printf '\n==> %s\n' "$*"; }
die() {
	printf 'demo: %s\n' "$*" >&2
	exit 1
}

[[ $# -eq 1 ]] || die "usage: TERRAFORM=/path/to/terraform $0 <dir holding terraform-provider-jp1>"
build_dir=$(cd "$1" && pwd) || die "no such directory: $1"
provider_bin="$build_dir/terraform-provider-jp1"
[[ -x "$provider_bin" ]] || die "$provider_bin is missing: run 'make build' first"
TERRAFORM=${TERRAFORM:-$(command -v terraform || true)}
[[ -n "$TERRAFORM" && -x "$TERRAFORM" ]] || die "no terraform: set TERRAFORM or put terraform (>= 1.11) on PATH"
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

work=$(mktemp -d "${TMPDIR:-/tmp}/jp1-demo.XXXXXX")
fake_pid=
cleanup() {
	local rc=$?
	if [[ -n "$fake_pid" ]] && kill -0 "$fake_pid" 2>/dev/null; then
		kill "$fake_pid" 2>/dev/null || true
		wait "$fake_pid" 2>/dev/null || true
	fi
	rm -rf "$work"
	if [[ $rc -ne 0 ]]; then
		printf '\ndemo: FAILED (exit %d)\n' "$rc" >&2
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Terraform on its own: no user CLI config, no stray JP1 settings from the caller's shell.
: >"$work/empty.tfrc"
export TF_CLI_CONFIG_FILE="$work/empty.tfrc"
export TF_IN_AUTOMATION=1
export CHECKPOINT_DISABLE=1
unset TF_PLUGIN_CACHE_DIR TF_LOG TF_LOG_PATH TF_WORKSPACE TF_DATA_DIR
unset JP1_IM_ENDPOINT JP1_IM_USERNAME JP1_IM_PASSWORD JP1_IM_AUTH_METHOD \
	JP1_ANALYTICS_ENDPOINT JP1_ANALYTICS_USERNAME JP1_ANALYTICS_PASSWORD \
	JP1_CA_CERT_FILE JP1_INSECURE_SKIP_VERIFY
if [[ ! -t 1 ]]; then
	export TF_CLI_ARGS="-no-color"
fi

tf() { (cd "$work/demo" && "$TERRAFORM" "$@"); }

# cli_version PATH: the first line of `PATH version` ("Terraform v1.15.9", "OpenTofu v1.12.6").
cli_version() { TF_CLI_ARGS='' CHECKPOINT_DISABLE=1 "$1" version 2>/dev/null | sed -n 1p; }

# has_query PATH: whether PATH is a Terraform (not OpenTofu, which has no query) of version 1.14 or later.
has_query() {
	[[ -x "$1" && "$(cli_version "$1")" =~ ^Terraform\ v([0-9]+)\.([0-9]+)\. ]] || return 1
	((BASH_REMATCH[1] > 1 || (BASH_REMATCH[1] == 1 && BASH_REMATCH[2] >= 14)))
}

# The Terraform for the `terraform query` part: QUERY_TERRAFORM, else TERRAFORM if it has query, else
# the newest terraform-* that has it in JP1_CLI_DIR (where ../shared/tools/build-cli.sh puts them).
cli_dir=${JP1_CLI_DIR:-$(go env GOPATH)/clis}
if [[ -n "${QUERY_TERRAFORM:-}" ]]; then
	query_looked="QUERY_TERRAFORM=$QUERY_TERRAFORM"
else
	query_looked="$TERRAFORM, and no terraform-* of 1.14 or later in $cli_dir"
	if has_query "$TERRAFORM"; then
		QUERY_TERRAFORM=$TERRAFORM
	else
		while IFS= read -r candidate; do
			if has_query "$candidate"; then
				QUERY_TERRAFORM=$candidate
				break
			fi
		done < <(printf '%s\n' "$cli_dir"/terraform-* | sort -r -V)
	fi
fi

# plan_expect N: run `terraform plan -detailed-exitcode` and insist on exit code N
# (0 = no changes, 2 = changes).
plan_expect() {
	local want=$1 rc=0
	tf plan -input=false -detailed-exitcode || rc=$?
	case $rc in
	0) echo "--- plan exit code 0: JP1 matches the configuration" ;;
	2) echo "--- plan exit code 2: JP1 differs from the configuration" ;;
	*) die "terraform plan failed (exit $rc)" ;;
	esac
	[[ $rc -eq $want ]] || die "expected plan exit code $want, got $rc"
}

step "Building the fake JP1 server"
(cd "$repo" && go build -o "$work/fakejp1" ./internal/fakejp1/cmd/fakejp1)

step "Starting the fake JP1 server (JP1/IM and JP1/Operations Analytics on one loopback port)"
"$work/fakejp1" -addr 127.0.0.1:0 -url-file "$work/url" >"$work/fakejp1.log" 2>&1 &
fake_pid=$!
for _ in $(seq 1 100); do
	[[ -s "$work/url" ]] && break
	kill -0 "$fake_pid" 2>/dev/null || {
		grep -iv password "$work/fakejp1.log" >&2 || true
		die "the fake JP1 server exited during start-up"
	}
	sleep 0.1
done
[[ -s "$work/url" ]] || die "the fake JP1 server wrote no URL within 10 s"
url=$(tr -d '[:space:]' <"$work/url")
[[ "$url" == http://127.0.0.1:* ]] || die "unexpected URL from the fake: $url"
echo "fake JP1 listening on $url (pid $fake_pid)"

# The fake's default users (see internal/fakejp1): IM jp1admin (JP1_Console_Admin on "*"),
# Operations Analytics system (Admin). A real pipeline takes these from its secret store.
export JP1_IM_ENDPOINT="$url" JP1_IM_USERNAME=jp1admin JP1_IM_PASSWORD=jp1admin-password JP1_IM_AUTH_METHOD=login
export JP1_ANALYTICS_ENDPOINT="$url" JP1_ANALYTICS_USERNAME=system JP1_ANALYTICS_PASSWORD=manager

# Fresh random secrets for this run (unless the caller set them), handed over as TF_VAR_*
# and never printed.
secret() { head -c 18 /dev/urandom | base64 | tr '+/' '-_'; }
for name in proxy_collector_password proxy_notifier_password lower_manager_initial_secret wmi_password ssh_password ssh_root_password \
	wbem_password snmp_community snmp_auth_passphrase snmp_privacy_passphrase agent_password; do
	var="TF_VAR_$name"
	[[ -n "${!var:-}" ]] || export "$var=$(secret)"
done
unset var

step "Copying examples/demo and examples/modules to $work"
cp -R "$repo/examples/demo" "$work/demo"
cp -R "$repo/examples/modules" "$work/modules"
rm -rf "$work/demo/.terraform" "$work/demo/.terraform.lock.hcl" "$work/demo"/terraform.tfstate* "$work/demo/run.sh"

step "Installing the provider into a local plugin directory (no registry needed)"
for address in $PROVIDER_ADDRESSES; do
	plugin_dir="$work/plugins/$address/$PROVIDER_VERSION/$(go env GOOS)_$(go env GOARCH)"
	mkdir -p "$plugin_dir"
	cp "$provider_bin" "$plugin_dir/terraform-provider-jp1_v$PROVIDER_VERSION"
	echo "$plugin_dir/terraform-provider-jp1_v$PROVIDER_VERSION"
done

step "terraform init -plugin-dir (the demo calls a module, so it needs init)"
tf init -input=false -plugin-dir="$work/plugins"

step "terraform apply: IM clients, proxy users, a lower manager, analytics credentials of every type, one monitored host"
tf apply -input=false -auto-approve

step "terraform output (the client secrets are sensitive and stay hidden)"
tf output

step "terraform plan -detailed-exitcode right after apply: expect exit code 0 (no changes)"
plan_expect 0

ssh_id=$(tf output -json analytics_credential_ids | tr -d '[:space:]' | sed -n 's/.*"ssh":"\([0-9][0-9]*\)".*/\1/p')
[[ -n "$ssh_id" ]] || die "could not find the SSH credential's instanceID in the outputs"

step "Someone changes the SSH credential by hand: PUT /Analytics/v1/objects/Credentials/$ssh_id with port 2222"
"$work/fakejp1" set-port -url "$url" -credential "$ssh_id" -port 2222

step "terraform plan -detailed-exitcode: expect exit code 2 (drift: port 2222 -> 22)"
plan_expect 2

step "terraform apply: put the credential back as the configuration says"
tf apply -input=false -auto-approve

step "terraform plan -detailed-exitcode: expect exit code 0 again"
plan_expect 0

lower_manager=$(tf output -json lower_managers | tr -d '[:space:]' | sed -n 's/^\["\([^"]*\)"\]$/\1/p')
[[ -n "$lower_manager" ]] || die "could not find the lower manager's host name in the outputs"

step "The lower manager $lower_manager goes off the network (fakejp1 unreachable)"
"$work/fakejp1" unreachable -url "$url" -host "$lower_manager"

step "terraform destroy: the lower manager is removed all the same, with JP1's warning"
tf destroy -input=false -auto-approve

if [[ -n "${QUERY_TERRAFORM:-}" ]] && has_query "$QUERY_TERRAFORM"; then
	query_version=$(cli_version "$QUERY_TERRAFORM")
	mkdir "$work/estate"
	cp "$repo/examples/adopt-estate/main.tf" "$repo/examples/adopt-estate/estate.tfquery.hcl" "$work/estate/"
	# The secrets of the objects made by hand, for TF_VAR_jp1_secrets: read from the file, never printed.
	qtf() { (cd "$work/estate" && TF_VAR_jp1_secrets=$estate_secrets "$QUERY_TERRAFORM" "$@"); }
	# qtf_quiet ARGS: run qtf and print nothing, or everything when it fails. qtf_summary ARGS: the
	# same, but print its summary line ("Plan: ...", "Apply complete! ...").
	qtf_quiet() {
		local rc=0
		qtf "$@" >"$work/estate.out" 2>&1 || rc=$?
		if [[ $rc -ne 0 ]]; then
			cat "$work/estate.out"
			die "terraform $1 failed (exit $rc)"
		fi
	}
	qtf_summary() {
		qtf_quiet "$@"
		grep -E '^(Plan:|Apply complete!|Destroy complete!|No changes\.)' "$work/estate.out" || true
	}

	step "Someone makes objects in JP1 by hand, outside Terraform: 2 IM client IDs, proxy users and lower managers, 10 credentials"
	"$work/fakejp1" seed-estate -url "$url" -prefix gui -count 2 -secrets-file "$work/secrets.json"
	estate_secrets=$(<"$work/secrets.json")

	step "Adopting them with terraform query ($query_version) in $work/estate (examples/adopt-estate): terraform init -plugin-dir"
	qtf_quiet init -input=false -plugin-dir="$work/plugins"
	echo "initialized from the same plugin directory"

	step "terraform query: every object the list blocks of estate.tfquery.hcl find"
	qtf query

	step "terraform query -generate-config-out=estate.tf: a resource and an import block per object"
	qtf_quiet query -generate-config-out=estate.tf
	echo "estate.tf: $(grep -c '^resource ' "$work/estate/estate.tf") resource blocks, $(grep -c '^import ' "$work/estate/estate.tf") import blocks"

	step "fill-secrets.sh estate.tf and terraform fmt: the secrets JP1 never returns come from var.jp1_secrets"
	sh "$repo/examples/adopt-estate/fill-secrets.sh" "$work/estate/estate.tf"
	qtf_quiet fmt
	# One adopted proxy user and its import block, as generated and filled in: the secret is a reference.
	awk '/^resource "jp1_proxy_user" / { p = 1 } p { print; if (/^}/ && ++n == 2) exit }' "$work/estate/estate.tf"

	step "terraform plan: imports, and the secrets the first apply sends to JP1"
	qtf_summary plan -input=false

	step "terraform apply: the objects made by hand are now managed"
	qtf_summary apply -input=false -auto-approve

	step "terraform plan -detailed-exitcode after the adoption: expect exit code 0 (no changes)"
	rc=0
	qtf plan -input=false -detailed-exitcode >"$work/estate.out" 2>&1 || rc=$?
	[[ $rc -eq 0 ]] || {
		cat "$work/estate.out"
		die "expected plan exit code 0 after the adoption, got $rc"
	}
	echo "--- plan exit code 0: JP1 matches the adopted configuration"

	step "terraform destroy: the adopted objects"
	qtf_summary destroy -input=false -auto-approve
else
	found=$(cli_version "${QUERY_TERRAFORM:-$TERRAFORM}")
	echo
	echo "demo: skipped the terraform query part: it needs Terraform >= 1.14 (found ${found:-nothing that runs} at $query_looked); build one with ../shared/tools/build-cli.sh"
fi

step "Requests the fake JP1 server received (GET /_fake/counts)"
"$work/fakejp1" counts -url "$url"

step "Stopping the fake JP1 server"
kill "$fake_pid"
wait "$fake_pid" 2>/dev/null || true
fake_pid=
echo "demo: OK"
