package provider

import (
	"context"
	"sync"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// IM login sessions opened by this provider process, so that main can log them out
// when Terraform stops the plugin (the framework has no provider shutdown hook).
var (
	sessionsMu sync.Mutex
	sessions   []*jp1api.IMClient
)

func registerIMSession(c *jp1api.IMClient) {
	sessionsMu.Lock()
	defer sessionsMu.Unlock()
	sessions = append(sessions, c)
}

// CloseSessions logs out of every IM session this process opened, best effort, within ctx.
func CloseSessions(ctx context.Context) {
	sessionsMu.Lock()
	open := sessions
	sessions = nil
	sessionsMu.Unlock()
	var wg sync.WaitGroup
	for _, c := range open {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = c.Close(ctx) // best effort: the token expires on its own anyway
		}()
	}
	wg.Wait()
}
