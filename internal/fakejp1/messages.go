package fakejp1

// IM messageIds used by the fake (DOC IM3/IM2 chapter 5, docs/design/jp1-api.md §1).
const (
	msgIMNoPermission      = "KAJY01000-E"
	msgIMAuthInvalid       = "KAJY01001-E"
	msgIMLoginFailed       = "KAJY52001-E"
	msgIMNoLoginPermission = "KAJY52004-E"
	msgProxyInvalidParam   = "KAJY52012-E"
	msgProxyLocked         = "KAJY52013-E"
	msgProxyUpdateFailed   = "KAJY52014-E"
	msgClientInvalidParam  = "KAJY68002-E"
	msgClientExists        = "KAJY68004-E"
	msgClientDeleteFailed  = "KAJY68007-E"
	msgClientIssueFailed   = "KAJY68008-E"
	msgClientListFailed    = "KAJY68009-E"
	msgSubInvalidParam     = "KAJY68012-E"
	msgSubUnknownHost      = "KAJY68013-E"
	msgSubUnreachable      = "KAJY68204-W"
)

// proxyUsers return codes (DOC IM2 5.9.1).
const (
	rcInvalidParam   = 3
	rcExclusiveLock  = 2
	rcProcessing     = 7
	rcUpdateFailed   = 13
	rcClientDeleteDB = 2
)

// Fault.ReturnCode values with a meaning of their own.
const (
	// RCSystemError is the proxyUsers returnCode 255, "system error" (IM2 5.9.1).
	RCSystemError = 255
	// RCNone sends an IM error body without a returnCode member.
	RCNone = -1
)

// OA messageIDs. The OA message catalogue is not public, so apart from the
// documented "generic error" these IDs are the fake's own, in the product's
// KNAQ range; clients must key on the HTTP status, not on these IDs.
const (
	msgAnalyticsGeneric      = "generic error"
	msgAnalyticsUnauthorized = "KNAQ01001-E"
	msgAnalyticsForbidden    = "KNAQ01002-E"
	msgAnalyticsNotFound     = "KNAQ02001-E"
	msgAnalyticsInvalid      = "KNAQ02002-E"
	msgAnalyticsConflict     = "KNAQ02003-E"
	msgAnalyticsNotAvailable = "KNAQ03001-E"
	msgAnalyticsRepository   = "KNAQ03002-E"
)

// messages holds the English text of every messageId the fake can send,
// including those only faults use (DB errors, server unavailable).
var messages = map[string]string{
	msgIMNoPermission:      "The user does not have the permission required to execute the API.",
	msgIMAuthInvalid:       "Authentication failed. The authentication information is invalid or has expired.",
	msgIMLoginFailed:       "Login failed. The user name or password is incorrect.",
	msgIMNoLoginPermission: "Login failed. The user does not have permission to log in.",
	msgProxyInvalidParam:   "An invalid parameter was specified for the proxy user operation.",
	msgProxyLocked:         "The proxy user definition could not be locked exclusively.",
	msgProxyUpdateFailed:   "Failed to update the proxy user definition.",
	msgClientInvalidParam:  "An invalid parameter was specified.",
	msgClientExists:        "The specified client ID is already registered.",
	msgClientDeleteFailed:  "Failed to delete an IM client secret.",
	msgClientIssueFailed:   "Failed to issue an IM client secret.",
	msgClientListFailed:    "Failed to acquire the list of IM client IDs.",
	"KAJY68001-E":          "A database error occurred.",
	msgSubInvalidParam:     "An invalid parameter was specified for the lower manager operation.",
	msgSubUnknownHost:      "The specified lower manager is not registered.",
	"KAJY68017-E":          "Failed to update the lower manager definition.",
	"KAJY68203-E":          "Failed to delete the lower manager.",
	"KAJY68501-E":          "A database error occurred.",
	msgSubUnreachable: "The lower manager could not be reached. The information of the integration manager " +
		"might remain on the lower manager.",
	msgAnalyticsGeneric:      "The request body is not valid JSON.",
	msgAnalyticsUnauthorized: "Authentication failed.",
	msgAnalyticsForbidden:    "The user does not have the permission required to execute the API.",
	msgAnalyticsNotFound:     "The specified resource does not exist.",
	msgAnalyticsInvalid:      "An invalid value was specified.",
	msgAnalyticsConflict:     "The specified name is already in use.",
	msgAnalyticsNotAvailable: "The server is not available.",
	msgAnalyticsRepository:   "A repository server error occurred.",
}

// messageText returns the text for a messageId, or "" when it is unknown.
func messageText(id string) string { return messages[id] }

// faultReturnCode gives an injected IM error the returnCode the product
// documents for that messageId, so injected errors look real.
func faultReturnCode(id string) int {
	switch id {
	case msgProxyInvalidParam:
		return rcInvalidParam
	case msgProxyLocked:
		return rcExclusiveLock
	case msgProxyUpdateFailed:
		return rcUpdateFailed
	case msgClientDeleteFailed:
		return rcClientDeleteDB
	}
	return 0
}
