// Package fakejp1 is the bundled in-process fake of the two JP1 REST APIs the
// provider drives: JP1/Integrated Management 3 - Manager (under /im/) and
// JP1/Operations Analytics (under /Analytics/), served by one handler on one port.
//
// It follows the contract in docs/design/jp1-api.md exactly (statuses,
// messageIds, error bodies, authentication, validation, paging, the proxyUsers
// exclusive lock) so that tests against it mean something, and it adds knobs
// for tests: latency, fault injection, seeded loss of write answers
// (LoseWriteAnswers), a competing lock holder, per-endpoint
// request counts and direct access to the stored state.
//
// Control endpoints for the standalone server live under /_fake/ and are not
// authenticated: GET /_fake/counts, POST /_fake/reset-counts, GET /_fake/stats.
//
// The package imports only the standard library.
package fakejp1
