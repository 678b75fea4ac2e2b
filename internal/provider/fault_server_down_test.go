package provider

import (
	"errors"
	"net"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
)

// switchableServer serves a fake JP1 on one loopback address that can be taken
// down (connections refused) and brought back with its state intact.
type switchableServer struct {
	t    *testing.T
	fake *fakejp1.Server
	addr string
	srv  *http.Server
}

func newSwitchableServer(t *testing.T) *switchableServer {
	s := &switchableServer{t: t, fake: fakejp1.New(), addr: "127.0.0.1:0"}
	s.up()
	t.Cleanup(s.down)
	return s
}

func (s *switchableServer) up() {
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		s.t.Fatalf("listening on %s: %v", s.addr, err)
	}
	s.addr = ln.Addr().String()
	s.srv = &http.Server{Handler: s.fake, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.t.Errorf("serving the fake: %v", err)
		}
	}()
}

func (s *switchableServer) down() {
	if s.srv != nil {
		_ = s.srv.Close()
		s.srv = nil
	}
}

func (s *switchableServer) url() string { return "http://" + s.addr }

// Scenario 7: the server is down for longer than the retry budget. The error names
// the endpoint and the attempts and comes within the configured bound; the state
// still matches what was created before, and the next apply converges.
func TestAccFaults_serverDown(t *testing.T) {
	s := newSwitchableServer(t)
	one := estateConfig(s.url(), 1, "v1", 3, "100ms", "200ms")
	two := estateConfig(s.url(), 2, "v1", 3, "100ms", "200ms")
	var downSince time.Time
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             emptyFake(s.fake),
		Steps: []resource.TestStep{
			{Config: one, Check: estateHolds(s.fake, 1, "v1")},
			{
				PreConfig: func() {
					s.down()
					downSince = time.Now()
				},
				Config:      two,
				ExpectError: regexp.MustCompile(`(?s)(GET|POST) /(im|Analytics)/[^ ]+: .*connection refused.*\(after 3 attempts\)`),
			},
			{
				PreConfig: func() {
					// 3 attempts with 2 waits of at most 200 ms: 0.4 s of waiting, plus terraform's
					// own time for the failed plan (about 0.3 s here). 2.5 s leaves room for a
					// loaded machine, and is far below what an unbounded retry would take.
					if took := time.Since(downSince); took > 2500*time.Millisecond {
						t.Errorf("the failure took %s, more than the retry budget allows", took)
					}
					t.Logf("figures: server down, terraform failed after %s", time.Since(downSince).Round(time.Millisecond))
					s.up()
				},
				Config: two,
				Check:  estateHolds(s.fake, 2, "v1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("jp1_im_client.c[0]", plancheck.ResourceActionNoop),
						plancheck.ExpectResourceAction("jp1_im_client.c[1]", plancheck.ResourceActionCreate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}
