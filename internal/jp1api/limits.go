package jp1api

// JP1's limits on what this client sends, once (docs/design/jp1-api.md): the
// provider validates its arguments and words its documentation with them, so
// that a value JP1 would refuse is a plan-time error.
const (
	// MaxClientIDLength is the longest IM client ID (IM3 5.4.4-5.4.6, §1.3).
	MaxClientIDLength = 280
	// MaxProxyUserIDLength is the longest proxy user ID (decided, §1.4).
	MaxProxyUserIDLength = 255
	// MaxLowerManagerHostLength is the longest host name of a lower manager
	// (§1.5).
	MaxLowerManagerHostLength = 255
	// MaxInitialSecretBytes is the largest initial secret of a lower manager,
	// in bytes (§1.5).
	MaxInitialSecretBytes = 1024
	// MaxSecretBytes is the largest password or passphrase (in bytes of its
	// plain form) sent to JP1: a proxy user's password (decided, §1.4) and an
	// Operations Analytics credential's secrets, which are sent as Base64 of
	// those bytes (§2.3, "Secret size").
	MaxSecretBytes = 255
	// MaxCredentialNameLength is the longest name of an Operations Analytics
	// credential, in characters (decided, §2.3).
	MaxCredentialNameLength = 255
)
