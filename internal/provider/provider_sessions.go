package provider

import (
	"context"
	"sync"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// imSessions are the IM login sessions a provider instance opened, so that
// Close can log them out when Terraform stops the plugin.
type imSessions struct {
	mu      sync.Mutex
	clients []*jp1api.IMClient
}

func (s *imSessions) add(c *jp1api.IMClient) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clients = append(s.clients, c)
}

// Close logs out of every IM session this provider opened, best effort,
// within ctx. The plugin package calls it when Terraform stops the plugin
// (the framework has no shutdown hook); the tokens expire on their own anyway.
func (p *jp1Provider) Close(ctx context.Context) {
	p.sessions.mu.Lock()
	open := p.sessions.clients
	p.sessions.clients = nil
	p.sessions.mu.Unlock()
	var wg sync.WaitGroup
	for _, c := range open {
		wg.Go(func() { _ = c.Close(ctx) })
	}
	wg.Wait()
}
