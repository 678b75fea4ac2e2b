package provider

import (
	"context"
	"encoding/json"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// Adopting a pending create (issue "Adopt, don't delete").
//
// A create whose outcome is unknown is recorded with no instanceID and
// Terraform keeps it tainted. The next apply plans it as delete-then-create,
// and runs both halves in one provider process: Delete sees the pending state,
// Create a null prior state. Deleting what the lost request made would break
// monitoring that JP1 may already have attached to it, so Delete leaves the
// credential it finds (same name and type) to the Create that follows, which
// adopts it with a full PUT, secrets included. Delete knows a Create follows
// from the private data the plan of the replacement carries (Terraform passes
// it to both halves); a plain destroy carries none, and deletes as before.

// credentialPending is what happens to a credential whose create may have
// taken effect (addCreateError): the Delete of the next apply leaves it to the
// Create, which adopts it.
const credentialPending = "Terraform records the credential as tainted, without an instanceID. The next apply plans " +
	"it as replaced, but deletes nothing: it looks the name up, adopts a credential of this name and type that this " +
	"request created (a full update brings it to the configuration, secrets included, and keeps its instanceID), and " +
	"creates the credential only if there is none."

// replacementKey is the private-state key the plan of a create sets: the name
// and type it will create.
const replacementKey = "planned_create"

type plannedCreate struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// privateSetter is the part of the framework's private data this needs.
type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

func setPlannedCreate(ctx context.Context, p privateSetter, name, credType string) diag.Diagnostics {
	b, _ := json.Marshal(plannedCreate{name, credType})
	return p.SetKey(ctx, replacementKey, b)
}

// createFollows reports whether the change being applied also creates a
// credential of this name and type (the delete half of a replacement).
func createFollows(ctx context.Context, p privateGetter, name, credType string) bool {
	if p == nil {
		return false
	}
	b, diags := p.GetKey(ctx, replacementKey)
	var pc plannedCreate
	if diags.HasError() || len(b) == 0 || json.Unmarshal(b, &pc) != nil {
		return false
	}
	return pc.Name == name && strings.EqualFold(pc.Type, credType)
}

// credentialHandover holds, for one provider process, the credentials a
// Delete left for the Create of the same name and type.
type credentialHandover struct {
	mu  sync.Mutex
	ids map[string]int64
}

func handoverKey(name, credType string) string { return strings.ToUpper(credType) + "\x00" + name }

func (h *credentialHandover) put(name, credType string, id int64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.ids == nil {
		h.ids = map[string]int64{}
	}
	h.ids[handoverKey(name, credType)] = id
}

// take returns and forgets the credential left for this name and type.
func (h *credentialHandover) take(name, credType string) (int64, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	id, ok := h.ids[handoverKey(name, credType)]
	delete(h.ids, handoverKey(name, credType))
	return id, ok
}

// findPending looks up the credential a pending create (null instanceID in
// state) may have made: by name, and only if it has the configured type (one of
// another type is someone else's). It returns nil when there is none.
func findPending(ctx context.Context, client *jp1api.AnalyticsClient, state *analyticsCredentialModel) (*jp1api.Credential, error) {
	found, err := client.FindCredential(ctx, state.Name.ValueString(), state.CredentialType.ValueString())
	if jp1api.IsNotFound(err) {
		return nil, nil
	}
	return found, err
}
