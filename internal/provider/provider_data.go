package provider

import (
	"fmt"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// providerData is what Configure hands to every resource and data source. A product
// that is not configured is reported by the first resource that needs it, so a
// configuration that only uses Operations Analytics never has to describe IM.
type providerData struct {
	im               *jp1api.IMClient
	imMissing        []string
	analytics        *jp1api.AnalyticsClient
	analyticsMissing []string
	// handover passes a pending credential from a Delete to the Create that
	// adopts it (analytics_credential_adopt.go).
	handover credentialHandover
	// deleted holds the IM client IDs a Delete of this process removed: a create
	// that meets one of them afterwards met someone else's registration, not the
	// old object of a create_before_destroy replacement (resource_im_client.go).
	deleted keySet
}

// keySet is a set of keys shared by the resources of one provider process.
type keySet struct {
	mu   sync.Mutex
	keys map[string]bool
}

func (s *keySet) add(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.keys == nil {
		s.keys = map[string]bool{}
	}
	s.keys[key] = true
}

func (s *keySet) has(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.keys[key]
}

// providerDataFrom type-checks the value the framework passes to Configure; nil means
// the provider is not configured yet (validation runs before Configure).
func providerDataFrom(raw any, diags *diag.Diagnostics) *providerData {
	if raw == nil {
		return nil
	}
	data, ok := raw.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider: please report it.", raw))
		return nil
	}
	return data
}

// notConfigured reports the call of a resource method before the provider was
// configured, or after an earlier diagnostic already failed the operation.
func (d *providerData) notConfigured(diags *diag.Diagnostics) bool {
	if diags.HasError() {
		return true
	}
	if d == nil {
		diags.AddError("Provider not configured",
			"The jp1 provider was not configured before this operation. This is a bug in the provider: please report it.")
		return true
	}
	return false
}

// imClient returns the IM client, or nil with an error naming what is missing.
// It is safe on a nil receiver and after earlier errors.
func (d *providerData) imClient(diags *diag.Diagnostics) *jp1api.IMClient {
	if d.notConfigured(diags) {
		return nil
	}
	if d.im == nil {
		diags.AddError("JP1/IM Manager connection is not configured",
			"This resource talks to JP1/Integrated Management - Manager, but the provider lacks "+
				strings.Join(d.imMissing, ", ")+". Set them in the provider's im block or in the environment.")
	}
	return d.im
}

// analyticsClient returns the Operations Analytics client, or nil with an error
// naming what is missing. It is safe on a nil receiver and after earlier errors.
func (d *providerData) analyticsClient(diags *diag.Diagnostics) *jp1api.AnalyticsClient {
	if d.notConfigured(diags) {
		return nil
	}
	if d.analytics == nil {
		diags.AddError("JP1/Operations Analytics connection is not configured",
			"This resource talks to JP1/Operations Analytics, but the provider lacks "+
				strings.Join(d.analyticsMissing, ", ")+". Set them in the provider's analytics block or in the environment.")
	}
	return d.analytics
}
