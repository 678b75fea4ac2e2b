package jp1api

import (
	"context"
	"net/http"
	"sync"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
)

// A wrong password costs one refused request per product, however many
// calls run at once or come later (an account lockout policy counts each).
func TestWrongPasswordIsRefusedOnce(t *testing.T) {
	t.Parallel()
	fake := fakejp1.New()
	url, err := fake.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer fake.Close()
	h := testHTTP()
	im := NewIMClient(h, IMConfig{Endpoint: url, Username: fakejp1.IMAdminUser, Password: "wrong"})
	oa := NewAnalyticsClient(h, AnalyticsConfig{Endpoint: url, Username: fakejp1.AnalyticsAdminUser, Password: "wrong"})
	calls := map[string]func(context.Context) error{
		"im": func(ctx context.Context) error { _, err := im.ListClientIDs(ctx); return err },
		"oa": func(ctx context.Context) error { _, err := oa.GetCredential(ctx, 1); return err },
	}
	for round := range 2 { // concurrent calls, then later ones
		var wg sync.WaitGroup
		for name, call := range calls {
			for range 16 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if err := call(ctxTimeout(t)); CauseOf(err) != CauseCredentialsRefused {
						t.Errorf("round %d, %s: %v, want the refusal", round, name, err)
					}
				}()
			}
		}
		wg.Wait()
	}
	if n := fake.Count(http.MethodPost + " /im/api/v1/login"); n != 1 {
		t.Errorf("%d IM logins, want 1", n)
	}
	if n := fake.Count(http.MethodGet + " /Analytics/v1/objects/Credentials/{id}"); n != 1 {
		t.Errorf("%d OA requests with the wrong password, want 1", n)
	}
}

// A user that may not log in (KAJY52004-E) is refused once too: the refusal is
// remembered like a wrong password, not taken for an answer past authentication.
func TestLoginNotPermittedIsRefusedOnce(t *testing.T) {
	t.Parallel()
	fake := startFake(t)
	fake.AddIMUser("no-permission", "Right-Pass-1") // exists, but has no JP1 permission level
	im := NewIMClient(testHTTP(), IMConfig{Endpoint: fake.url, Username: "no-permission", Password: "Right-Pass-1"})
	for round := range 2 { // concurrent calls, then later ones
		var wg sync.WaitGroup
		for range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := im.ListClientIDs(ctxTimeout(t))
				if CauseOf(err) != CauseLoginNotPermitted || MessageID(err) != "KAJY52004-E" {
					t.Errorf("round %d: %v, want KAJY52004-E with CauseLoginNotPermitted", round, err)
				}
			}()
		}
		wg.Wait()
	}
	if n := fake.Count(http.MethodPost + " /im/api/v1/login"); n != 1 {
		t.Errorf("%d IM logins, want 1", n)
	}
}
