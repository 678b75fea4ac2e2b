package jp1api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// A server that echoes a secret in every form, in multi-valued headers and
// Warning headers, leaves no form of it in the TRACE log, the warnings or the
// error.
func TestLogsMaskEchoedSecrets(t *testing.T) {
	t.Parallel()
	for _, secret := range echoSecrets {
		forms := echoForms(secret)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			for _, f := range forms {
				w.Header().Add("X-Echo", f)
				w.Header().Add("Warning", `299 - "you sent `+f+`"`)
			}
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte("echo: " + strings.Join(values(forms), " | ")))
		}))
		var buf syncBuffer
		ctx, warnings := WithWarnings(tflogtest.RootLogger(context.Background(), &buf))
		_, _, err := testHTTP().do(ctx, srv.URL, &request{method: http.MethodPost, path: "/x", body: map[string]string{"pw": secret}, secrets: []string{secret}})
		srv.Close()
		out := buf.String() + "\n" + strings.Join(warnings.List(), "\n") + "\n" + err.Error()
		if !strings.Contains(buf.String(), "X-Echo") {
			t.Fatal("the TRACE log has no response headers: the test proves nothing")
		}
		for name, f := range forms {
			if strings.Contains(out, f) {
				t.Errorf("%q: its %s form %q reached the log, a warning or the error", secret, name, f)
			}
		}
	}
}

func values(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}
