package jp1api

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A redirect is never followed; only a same-host move from http to https
// says which endpoint to set.
func TestRedirectHints(t *testing.T) {
	t.Parallel()
	for loc, want := range map[string]string{
		"https://127.0.0.1:8443/x?a=b":       "set the endpoint to https://127.0.0.1:8443",
		"https://u:secret@127.0.0.1:8443/x":  "set the endpoint to https://127.0.0.1:8443",
		"https://elsewhere.example:8443/x":   "unexpected redirect to https://elsewhere.example:8443/x",
		"http://127.0.0.1:9999/login":        "unexpected redirect to http://127.0.0.1:9999/login",
		"https://u:secret@elsewhere.example": "unexpected redirect to https://elsewhere.example",
		"":                                   "unexpected redirect",
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if loc != "" {
				w.Header().Set("Location", loc)
			}
			w.WriteHeader(http.StatusFound)
		}))
		_, _, err := testHTTP().do(ctxTimeout(t), srv.URL, &request{method: http.MethodGet, path: "/x"})
		srv.Close()
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "secret") {
			t.Errorf("Location %q: %v, want %q", loc, err, want)
		}
	}
}

// Scheme mismatches both ways are named as such.
func TestSchemeMismatch(t *testing.T) {
	t.Parallel()
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer tlsSrv.Close()
	plain := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer plain.Close()

	_, _, err := testHTTP().do(ctxTimeout(t), "http://"+tlsSrv.Listener.Addr().String(), &request{method: http.MethodGet, path: "/x"})
	if CauseOf(err) != CauseHTTPSRequired || !strings.Contains(err.Error(), "https://") {
		t.Errorf("http endpoint, https server: %v", err)
	}
	_, _, err = testHTTP().do(ctxTimeout(t), "https://"+plain.Listener.Addr().String(), &request{method: http.MethodGet, path: "/x"})
	if CauseOf(err) != CauseNotHTTPS || !strings.Contains(err.Error(), "does not speak TLS") {
		t.Errorf("https endpoint, http server: %v", err)
	}
}
