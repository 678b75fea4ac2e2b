package jp1api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// Every answer is checked for the members the contract promises: a malformed
// 200 is retried like a server fault, then reported with the endpoint and
// what was wrong; it never reads as "nothing there".
func TestGarbledAnswers(t *testing.T) {
	t.Parallel()
	common := []string{"", "   ", "{}", "null", "[]", `"text"`, "<html>ok</html>"}
	endpoints := []struct {
		name     string
		endpoint string
		call     func(context.Context, string) error
		bodies   []string // wrong-typed, truncated and otherwise wrong bodies of this endpoint
	}{
		{"IM client list", imListPath, func(ctx context.Context, url string) error {
			_, err := basicIM(url).ListClientIDs(ctx)
			return err
		}, []string{`{"clientIds":null}`, `{"clientIds":"a"}`, `{"clientIds":[1,2]}`, `{"clientIds":["a"`, `{"clientIDS_":["a"]}`}},
		{"proxy user list", imProxyUsersPath, func(ctx context.Context, url string) error {
			_, err := basicIM(url).ListProxyUsers(ctx)
			return err
		}, []string{`{"userIdList":null}`, `{"userIdList":{"a":1}}`, `{"userIdList":[true]}`, `{"userIdList":["a",`}},
		{"IM issue", imIssuePath, func(ctx context.Context, url string) error {
			_, err := basicIM(url).IssueClientSecret(ctx, "c1")
			return err
		}, []string{`{"clientSecret":""}`, `{"clientSecret":{}}`, `{"clientSecret":"abc`}},
		{"OA get", analyticsCredentialsPath + "/7", func(ctx context.Context, url string) error {
			_, err := analyticsClient(url).GetCredential(ctx, 7)
			return err
		}, []string{`{"instanceID":8,"name":"a","credentialType":"SSH"}`, `{"name":"a","credentialType":"SSH"}`,
			`{"instanceID":"x","name":"a","credentialType":"SSH"}`, `{"instanceID":7,"credentialType":"SSH"}`,
			`{"instanceID":7,"name":"a"}`, `{"instanceID":7,"name":"a","credentialType":"SSH","portNumber":{}}`, `{"instanceID":7,"name":"a",`}},
		{"OA list", analyticsCredentialsPath, func(ctx context.Context, url string) error {
			_, err := analyticsClient(url).ListCredentials(ctx)
			return err
		}, []string{`{"data":null}`, `{"data":{}}`, `{"data":[{"name":"a","credentialType":"SSH"}]}`, `{"data":[{"instanceID":1,"name":"a","credentialType":"SSH"}`}},
		{"OA create", analyticsCredentialsPath, func(ctx context.Context, url string) error {
			_, err := analyticsClient(url).CreateCredential(ctx, sshCredential("a"))
			return err
		}, []string{`{"name":"a","credentialType":"SSH"}`, `{"instanceID":0,"name":"a","credentialType":"SSH"}`, `{"instanceID":7,`}},
		{"OA update", analyticsCredentialsPath + "/7", func(ctx context.Context, url string) error {
			_, err := analyticsClient(url).UpdateCredential(ctx, 7, sshCredential("a"))
			return err
		}, []string{`{"instanceID":8,"name":"a","credentialType":"SSH"}`, `{"instanceID":7,"name":"a","credentialType":"SSH"`}},
	}
	for _, ep := range endpoints {
		bodies := append(append([]string(nil), common...), ep.bodies...)
		if ep.name == "OA update" {
			bodies = bodies[2:] // an empty answer to an update is allowed (the credential is then read back)
		}
		for _, body := range bodies {
			t.Run(ep.name+"/"+body, func(t *testing.T) {
				var hits atomic.Int32
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if r.Method == http.MethodGet && r.URL.Path == analyticsCredentialsPath && ep.name == "OA create" {
						// the recovery's lookup after a retried create: the credential is not there
						writeJSON(w, http.StatusOK, map[string]any{"data": []any{}})
						return
					}
					if r.Method == http.MethodGet && r.URL.Path == imListPath && ep.name == "IM issue" {
						// the list an issue makes first: no client ID is registered
						writeJSON(w, http.StatusOK, map[string]any{"clientIds": []any{}})
						return
					}
					hits.Add(1)
					w.WriteHeader(http.StatusOK)
					_, _ = w.Write([]byte(body))
				}))
				defer srv.Close()
				err := ep.call(ctxTimeout(t), srv.URL)
				if err == nil {
					t.Fatal("a malformed answer was accepted")
				}
				if !strings.Contains(err.Error(), ep.endpoint) || !strings.Contains(err.Error(), "malformed") {
					t.Errorf("the error does not name the endpoint and the fault: %v", err)
				}
				if hits.Load() < 2 {
					t.Errorf("%d attempts: a malformed answer is retried like a server fault", hits.Load())
				}
				if IsNotFound(err) {
					t.Error("a malformed answer must never read as not found")
				}
			})
		}
	}
}

func basicIM(url string) *IMClient {
	return NewIMClient(testHTTP(), IMConfig{Endpoint: url, Username: "u", Password: "p", AuthMethod: "basic"})
}

func analyticsClient(url string) *AnalyticsClient {
	return NewAnalyticsClient(testHTTP(), AnalyticsConfig{Endpoint: url, Username: "u", Password: "p"})
}
