// Package e2e drives the real terraform CLI against the built provider binary and
// the fake JP1, for what in-process acceptance tests cannot show: signals sent to
// terraform, two terraform processes at once, TF_LOG=TRACE files, saved plan files.
//
// The tests run only with TF_ACC set (make test sets it), like acceptance tests.
package e2e
