package fakejp1

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestWriteIMError(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, pathProxy, nil)
	writeIMError(rec, req, http.StatusInternalServerError, msgProxyLocked, rcProcessing, "")
	var m map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"timestamp", "status", "error", "exception", "message", "path", "messageId", "returnCode"} {
		if _, ok := m[k]; !ok {
			t.Errorf("member %s missing: %v", k, m)
		}
	}
	if m["status"] != 500.0 || m["error"] != "Internal Server Error" || m["path"] != pathProxy ||
		m["messageId"] != msgProxyLocked || m["returnCode"] != 7.0 || m["message"] != messageText(msgProxyLocked) {
		t.Errorf("body = %v", m)
	}
	if rec.Header().Get("Content-Type") != "application/json" {
		t.Errorf("Content-Type = %q", rec.Header().Get("Content-Type"))
	}

	rec = httptest.NewRecorder()
	writeIMError(rec, req, http.StatusForbidden, msgIMNoPermission, 0, "custom")
	m = nil
	_ = json.Unmarshal(rec.Body.Bytes(), &m)
	if _, ok := m["returnCode"]; ok || m["message"] != "custom" {
		t.Errorf("returnCode 0 must be omitted and the message kept: %v", m)
	}
}

func TestWriteAnalyticsError(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	writeAnalyticsError(rec, httptest.NewRequest(http.MethodGet, pathCreds+"/7", nil), http.StatusNotFound, msgAnalyticsNotFound, "")
	var e analyticsErrorBody
	if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil {
		t.Fatal(err)
	}
	if rec.Code != 404 || e != (analyticsErrorBody{pathCreds + "/7", messageText(msgAnalyticsNotFound), msgAnalyticsNotFound, "Analytics"}) {
		t.Errorf("%d %+v", rec.Code, e)
	}
}

func TestWriteJSONKeepsContentType(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	rec.Header().Set("Content-Type", "text/html")
	writeJSON(rec, http.StatusOK, map[string]int{"a": 1})
	if rec.Header().Get("Content-Type") != "text/html" || rec.Body.String() != `{"a":1}` {
		t.Errorf("%v %s", rec.Header(), rec.Body)
	}
	rec = httptest.NewRecorder()
	writeJSON(rec, http.StatusOK, func() {}) // cannot be encoded
	if rec.Code != http.StatusInternalServerError {
		t.Errorf("unencodable answer: %d", rec.Code)
	}
}

func TestWriteEmpty(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	writeEmptyOK(rec)
	if rec.Code != 200 || rec.Body.Len() != 0 || rec.Header().Get("Content-Length") != "0" {
		t.Errorf("%d %v %q", rec.Code, rec.Header(), rec.Body)
	}
}
