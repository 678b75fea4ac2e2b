package fakejp1

import (
	"strings"
	"testing"
)

func TestEveryMessageHasText(t *testing.T) {
	t.Parallel()
	for _, id := range []string{
		msgIMNoPermission, msgIMAuthInvalid, msgIMLoginFailed, msgIMNoLoginPermission,
		msgProxyInvalidParam, msgProxyLocked, msgProxyUpdateFailed,
		msgClientInvalidParam, msgClientExists, msgClientDeleteFailed, msgClientIssueFailed, msgClientListFailed,
		msgSubInvalidParam, msgSubUnknownHost, msgSubUnreachable, "KAJY68001-E", "KAJY68017-E", "KAJY68203-E", "KAJY68501-E",
		msgAnalyticsGeneric, msgAnalyticsUnauthorized, msgAnalyticsForbidden, msgAnalyticsNotFound, msgAnalyticsInvalid, msgAnalyticsConflict, msgAnalyticsNotAvailable, msgAnalyticsRepository,
	} {
		if text := messageText(id); text == "" || !strings.HasSuffix(text, ".") {
			t.Errorf("messageText(%q) = %q", id, text)
		}
	}
	if messageText("KAJY00000-E") != "" {
		t.Error("unknown messageId should have no text")
	}
}

func TestFaultReturnCode(t *testing.T) {
	t.Parallel()
	for id, want := range map[string]int{
		msgProxyInvalidParam: 3, msgProxyLocked: 2, msgProxyUpdateFailed: 13, msgClientDeleteFailed: 2,
		msgClientIssueFailed: 0, "": 0,
	} {
		if got := faultReturnCode(id); got != want {
			t.Errorf("faultReturnCode(%q) = %d, want %d", id, got, want)
		}
	}
}
