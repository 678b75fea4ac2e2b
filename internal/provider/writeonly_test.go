package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The `_wo` decision as a table: which secret goes on the wire, on create and
// on update. Runs without TF_ACC.
func TestSecretToSend(t *testing.T) {
	s, null, unknown := types.StringValue, types.StringNull(), types.StringUnknown()
	v, noVersion := types.Int64Value, types.Int64Null()
	cases := []struct {
		name     string
		in       secretInputs
		creating bool
		want     string
		sent     bool // false: nothing is sent, JP1 keeps the secret it has
	}{
		{"create: plain value sent", secretInputs{Value: s("a"), PriorValue: null, WriteOnly: null, Version: noVersion, PriorVersion: noVersion}, true, "a", true},
		{"create: write-only value sent", secretInputs{Value: null, PriorValue: null, WriteOnly: s("w"), Version: v(1), PriorVersion: noVersion}, true, "w", true},
		{"create: no secret", secretInputs{Value: null, PriorValue: null, WriteOnly: null, Version: noVersion, PriorVersion: noVersion}, true, "", false},
		{"create: unknown value not sent", secretInputs{Value: unknown, PriorValue: null, WriteOnly: null, Version: noVersion, PriorVersion: noVersion}, true, "", false},
		{"update: plain value unchanged", secretInputs{Value: s("a"), PriorValue: s("a"), WriteOnly: null, Version: noVersion, PriorVersion: noVersion}, false, "", false},
		{"update: plain value changed", secretInputs{Value: s("b"), PriorValue: s("a"), WriteOnly: null, Version: noVersion, PriorVersion: noVersion}, false, "b", true},
		{"update: plain value removed (JP1 keeps its own)", secretInputs{Value: null, PriorValue: s("a"), WriteOnly: null, Version: noVersion, PriorVersion: noVersion}, false, "", false},
		{"update: write-only, same version", secretInputs{Value: null, PriorValue: null, WriteOnly: s("w2"), Version: v(1), PriorVersion: v(1)}, false, "", false},
		{"update: write-only, new version", secretInputs{Value: null, PriorValue: null, WriteOnly: s("w2"), Version: v(2), PriorVersion: v(1)}, false, "w2", true},
		{"update: plain to write-only", secretInputs{Value: null, PriorValue: s("a"), WriteOnly: s("w"), Version: v(1), PriorVersion: noVersion}, false, "w", true},
		{"update: write-only to plain", secretInputs{Value: s("a"), PriorValue: null, WriteOnly: null, Version: noVersion, PriorVersion: v(1)}, false, "a", true},
		{"update: write-only unknown", secretInputs{Value: null, PriorValue: null, WriteOnly: unknown, Version: v(2), PriorVersion: v(1)}, false, "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.in.toSend(tc.creating)
			switch {
			case !tc.sent && got != nil:
				t.Errorf("sends %q, want nothing sent", *got)
			case tc.sent && got == nil:
				t.Errorf("sends nothing, want %q", tc.want)
			case tc.sent && *got != tc.want:
				t.Errorf("sends %q, want %q", *got, tc.want)
			}
		})
	}
}
