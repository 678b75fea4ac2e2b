// Package live runs acceptance tests against a real JP1 (JP1/IM Manager and
// JP1/Operations Analytics): opt-in, with prefixed names, cleaning up after
// itself. See docs/guides/testing-against-your-jp1.md.
//
// # Opt-in
//
// The tests of this package skip at once unless JP1_LIVE=1. They then reach
// JP1 only through the environment, as a user's pipeline does: the provider
// block is empty (`provider "jp1" {}`) and the provider reads JP1_IM_ENDPOINT,
// JP1_IM_USERNAME, JP1_IM_PASSWORD, JP1_IM_AUTH_METHOD,
// JP1_ANALYTICS_ENDPOINT, JP1_ANALYTICS_USERNAME, JP1_ANALYTICS_PASSWORD,
// JP1_CA_CERT_FILE and JP1_INSECURE_SKIP_VERIFY; the tests' own API client
// (for drift made behind Terraform's back and for checks) is built from the
// same variables. A product that is not configured skips its tests.
//
// # Names that cannot collide
//
// Every object a live test creates is named Config.Prefix (JP1_LIVE_PREFIX,
// default "tfacc-": non-empty, ending with a separator) + a kind + a random
// suffix. Every call the tests make through Clients passes the Guard first:
// an object without the prefix is never read by name, changed or deleted,
// except the objects the user names on purpose (JP1_LIVE_IMPORT_* for the
// read-only import plans: read only; JP1_LIVE_LOWER_MANAGER_HOST: the host
// the lower-manager test adds and removes). JP1's lists cannot be filtered,
// so they are read whole, and the tests look at their own entries only.
// Sweep (cmd/jp1live sweep, `make sweep-live`) deletes what an interrupted
// run left: every prefixed object of every type, and nothing else.
//
// # Read-only
//
// With JP1_LIVE_READONLY=1 only the tests that write nothing run: the
// provider's configuration and logins, the data sources, the list resources
// (Terraform 1.14 or later) and plans of import blocks for objects the user
// names (never applied).
//
// # What has no place here
//
// A test that needs the fake's knobs (faults, lost answers, latency, a
// competing lock holder, the stored secrets, counts of requests) cannot run
// against a real JP1: it belongs to internal/provider or internal/e2e, which
// serve a fake per test. Live tests observe JP1 only through its API.
// `make test-live-fake` runs this package against the standalone fake,
// started as a separate process and reached only through the environment,
// so that the live mode itself is tested.
package live
