package jp1api

import (
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// A 2xx answer that does not decode is reported with the decoder's words,
// which quote what JP1 sent (a value that is not a number, the members of an
// answer without its list): that quote is server text, withheld whole when it
// may reveal a secret of the call, like every other.
func TestMalformedAnswerDoesNotQuoteASecret(t *testing.T) {
	t.Parallel()
	const secret = "Tr0ub4dor&3xyz"
	for name, body := range map[string]string{
		"a value":       `{"n":"` + secret + `"}`,
		"a member name": `{"` + secret + `":[]}`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var hits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				hits.Add(1)
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(body))
			}))
			t.Cleanup(srv.Close)
			var out struct {
				N flexInt64 `json:"n"`
			}
			var items []string
			decode := answer(&out, nil)
			if strings.HasPrefix(name, "a member") {
				decode = imListAnswer("clientIds", &items)
			}
			opts := testOptions()
			opts.MaxAttempts = 1
			_, _, err := NewHTTP(opts).do(ctxTimeout(t), srv.URL, &request{method: http.MethodGet, path: "/x",
				secrets: []string{secret}, decode: decode})
			if err == nil {
				t.Fatal("no error")
			}
			if n := hits.Load(); n != 1 {
				t.Errorf("%d requests, want 1", n)
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("the error quotes the secret: %v", err)
			}
			if !strings.Contains(err.Error(), "malformed") {
				t.Errorf("the error does not say the answer is malformed: %v", err)
			}
		})
	}
	// Without a secret in it, the decoder's words are shown.
	t.Run("no secret", func(t *testing.T) {
		t.Parallel()
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			_, _ = w.Write([]byte(`{"others":[]}`))
		}))
		t.Cleanup(srv.Close)
		var items []string
		opts := testOptions()
		opts.MaxAttempts = 1
		_, _, err := NewHTTP(opts).do(ctxTimeout(t), srv.URL, &request{method: http.MethodGet, path: "/x",
			secrets: []string{secret}, decode: imListAnswer("clientIds", &items)})
		if err == nil || !strings.Contains(err.Error(), `"others"`) {
			t.Errorf("got %v, want the decoder's words", err)
		}
	})
}

// A redirect's Location is server text: a proxy may put the request's
// credential in it (a path, a host). Its target is shown only when it
// reveals no secret of the call.
func TestRedirectLocationDoesNotShowASecret(t *testing.T) {
	t.Parallel()
	basic := base64.StdEncoding.EncodeToString([]byte("admin:Tr0ub4dor&3xyz"))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Location", "https://elsewhere.example/sso/"+basic)
		w.WriteHeader(http.StatusFound)
	}))
	t.Cleanup(srv.Close)
	_, _, err := testHTTP().do(ctxTimeout(t), srv.URL, &request{method: http.MethodGet, path: "/x",
		secrets: []string{"Tr0ub4dor&3xyz", "admin:Tr0ub4dor&3xyz", "Basic " + basic}})
	if err == nil {
		t.Fatal("no error")
	}
	if strings.Contains(err.Error(), basic) || strings.Contains(err.Error(), "elsewhere.example/sso") {
		t.Errorf("the error shows the redirect target that holds the credential: %v", err)
	}
	if !strings.Contains(err.Error(), "unexpected redirect") {
		t.Errorf("the error does not say it was redirected: %v", err)
	}
}
