package jp1api

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

func TestErrorDecoding(t *testing.T) {
	t.Parallel()
	html := "<html><head><title>502 Bad Gateway</title></head><body>" + strings.Repeat("proxy says no. ", 60) + "</body></html>"
	cases := []struct {
		name       string
		status     int
		body       string
		want       APIError
		wantString string
	}{
		{
			name:   "IM JSON with padded messageId",
			status: 500,
			body: `{"timestamp": 1585561108345, "status": 500, "error": "Internal Server Error", "exception": "x",
				"message": "Failed to delete an IM client secret.", "path": " /im/api/v1/secret/client/deleteInfo ",
				"messageId": "  KAJY68007-E ", "returnCode": 2}`,
			want:       APIError{StatusCode: 500, MessageID: "KAJY68007-E", Message: "Failed to delete an IM client secret.", ReturnCode: fakejp1test.Ptr(2)},
			wantString: "POST /p: HTTP 500 KAJY68007-E: Failed to delete an IM client secret. (after 1 attempt)",
		},
		{
			name:       "IM returnCode as a string",
			status:     500,
			body:       `{"messageId":"KAJY52013-E","message":"locked","returnCode":"7"}`,
			want:       APIError{StatusCode: 500, MessageID: "KAJY52013-E", Message: "locked", ReturnCode: fakejp1test.Ptr(7)},
			wantString: "POST /p: HTTP 500 KAJY52013-E: locked (after 1 attempt)",
		},
		{
			name:       "OA JSON",
			status:     409,
			body:       `{"errorSource": "/Analytics/v1/objects/Credentials", "message": "The name already exists.", "messageID": "KNAQ30012-E", "application": "Analytics"}`,
			want:       APIError{StatusCode: 409, MessageID: "KNAQ30012-E", Message: "The name already exists."},
			wantString: "POST /p: HTTP 409 KNAQ30012-E: The name already exists. (after 1 attempt)",
		},
		{
			name:       "OA generic error",
			status:     400,
			body:       `{"messageID":"generic error","message":"malformed"}`,
			want:       APIError{StatusCode: 400, MessageID: "generic error", Message: "malformed"},
			wantString: "POST /p: HTTP 400 generic error: malformed (after 1 attempt)",
		},
		{
			name:   "HTML",
			status: 403,
			body:   html,
			want:   APIError{StatusCode: 403, Body: excerpt([]byte(html), 512)},
		},
		{
			name:       "plain text",
			status:     403,
			body:       "Forbidden by policy\n",
			want:       APIError{StatusCode: 403, Body: "Forbidden by policy"},
			wantString: "POST /p: HTTP 403: Forbidden by policy (after 1 attempt)",
		},
		{
			name:       "empty",
			status:     404,
			body:       "",
			want:       APIError{StatusCode: 404, Message: "Not Found"},
			wantString: "POST /p: HTTP 404: Not Found (after 1 attempt)",
		},
		{
			name:       "JSON without the known members",
			status:     400,
			body:       `{"foo": 1}`,
			want:       APIError{StatusCode: 400, Body: `{"foo": 1}`},
			wantString: `POST /p: HTTP 400: {"foo": 1} (after 1 attempt)`,
		},
		{
			name:       "Spring error only",
			status:     400,
			body:       `{"status":400,"error":"Bad Request"}`,
			want:       APIError{StatusCode: 400, Message: "Bad Request"},
			wantString: "POST /p: HTTP 400: Bad Request (after 1 attempt)",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newAPIError("POST", "/p", tc.status, []byte(tc.body), 1)
			if e.StatusCode != tc.want.StatusCode || e.MessageID != tc.want.MessageID || e.Message != tc.want.Message || e.Body != tc.want.Body {
				t.Fatalf("got %+v\nwant %+v", e, tc.want)
			}
			if (e.ReturnCode == nil) != (tc.want.ReturnCode == nil) || e.ReturnCode != nil && *e.ReturnCode != *tc.want.ReturnCode {
				t.Fatalf("returnCode %v, want %v", e.ReturnCode, tc.want.ReturnCode)
			}
			if tc.wantString != "" && e.Error() != tc.wantString {
				t.Fatalf("Error() = %q\nwant      %q", e.Error(), tc.wantString)
			}
		})
	}
}

func TestErrorBodyExcerpt(t *testing.T) {
	t.Parallel()
	body := strings.Repeat("é", 400) // 800 bytes
	e := newAPIError("GET", "/p", 502, []byte(body), 1)
	if len(e.Body) > 512+len("…") || !strings.HasSuffix(e.Body, "…") || strings.ContainsRune(e.Body, '\uFFFD') {
		t.Fatalf("excerpt: %d bytes %q", len(e.Body), e.Body[:20])
	}
	long := strings.Repeat("x", 600)
	e = newAPIError("GET", "/p", 502, []byte(long), 1)
	if e.Body != strings.Repeat("x", 512)+"…" {
		t.Fatalf("excerpt of %d bytes", len(e.Body))
	}
}

func TestErrorFormat(t *testing.T) {
	t.Parallel()
	e := &APIError{Method: "POST", Endpoint: "/im/api/v1/proxyUsers", StatusCode: 403, MessageID: "KAJY01000-E", Message: "No permission.",
		Attempts: 1, Hint: "the JP1 user needs JP1_Console_Admin or JP1_Console_Operator"}
	want := "POST /im/api/v1/proxyUsers: HTTP 403 KAJY01000-E: No permission. (after 1 attempt). the JP1 user needs JP1_Console_Admin or JP1_Console_Operator"
	if e.Error() != want {
		t.Fatalf("%q", e.Error())
	}
	e = &APIError{Method: "GET", Endpoint: "/x", Attempts: 5, Err: fmt.Errorf("wrapped: %w", errors.New("connection reset"))}
	if got := e.Error(); got != "GET /x: wrapped: connection reset (after 5 attempts)" {
		t.Fatalf("%q", got)
	}
	if !errors.Is(fmt.Errorf("outer: %w", e), e.Err) {
		t.Fatal("Unwrap")
	}
	e = errorf("POST", "/x", "the password of proxy user %q is empty", "u1")
	if got := e.Error(); got != `POST /x: the password of proxy user "u1" is empty` {
		t.Fatalf("%q", got)
	}
}

func TestErrorPredicates(t *testing.T) {
	t.Parallel()
	nf := fmt.Errorf("wrapped: %w", &APIError{StatusCode: 404})
	if !IsNotFound(nf) || isConflict(nf) || StatusCode(nf) != 404 {
		t.Fatal("404")
	}
	if !isConflict(&APIError{StatusCode: 409}) || !isConflict(&APIError{StatusCode: 400, MessageID: "KAJY68004-E"}) {
		t.Fatal("conflict")
	}
	if IsNotFound(errors.New("x")) || StatusCode(nil) != 0 || MessageID(errors.New("x")) != "" {
		t.Fatal("plain errors")
	}
}

// An error answer met through the client keeps status, messageId and the
// attempt count, and names the endpoint without its query.
func TestErrorThroughClient(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		imError(w, http.StatusBadRequest, "KAJY68002-E", "Invalid parameter.", 3)
	}))
	defer srv.Close()
	_, _, err := testHTTP().do(ctxTimeout(t), srv.URL, &request{method: http.MethodGet, path: "/im/api/v1/x?page=2"})
	var e *APIError
	if !errors.As(err, &e) {
		t.Fatal(err)
	}
	if e.Endpoint != "/im/api/v1/x" || e.MessageID != "KAJY68002-E" || *e.ReturnCode != 3 || e.Attempts != 1 {
		t.Fatalf("%+v", e)
	}
}
