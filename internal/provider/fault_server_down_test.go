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
	// The goroutine serves its own server: down sets s.srv to nil meanwhile.
	srv := &http.Server{Handler: s.fake, ReadHeaderTimeout: 5 * time.Second}
	s.srv = srv
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
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
// the endpoint and the attempts (exactly the configured 3: an unbounded retry
// would never end the step); the state still matches what was created before,
// and the next apply converges.
func TestAccFaults_serverDown(t *testing.T) {
	s := newSwitchableServer(t)
	one := estateConfig(s.url(), 1, "v1", 3, "100ms", "200ms")
	two := estateConfig(s.url(), 2, "v1", 3, "100ms", "200ms")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             emptyFake(s.fake),
		Steps: []resource.TestStep{
			{Config: one, Check: estateHolds(s.fake, 1, "v1")},
			{
				PreConfig:   s.down,
				Config:      two,
				ExpectError: regexp.MustCompile(`(?s)(GET|POST) /(im|Analytics)/[^ ]+: .*connection refused.*\(after 3 attempts\)`),
			},
			{
				PreConfig: s.up,
				Config:    two,
				Check:     estateHolds(s.fake, 2, "v1"),
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
