// Package jp1api is the client for the JP1 REST APIs driven by the provider:
// JP1/Integrated Management Manager (IM client secrets, proxy users) and
// JP1/Operations Analytics (credentials).
//
// It has no Terraform framework imports. One HTTP value (NewHTTP) holds the one
// long-lived go-retryablehttp client of the provider process; IMClient and
// AnalyticsClient add authentication, the retry rules of the API contract
// (docs/design/jp1-api.md §3, including the lost-answer rules for creates),
// serialisation of the proxyUsers API and a shared list cache. Every request is
// logged with tflog on the caller's context with all secrets masked.
package jp1api
