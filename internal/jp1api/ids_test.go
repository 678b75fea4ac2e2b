package jp1api

import "testing"

func TestClientIDKinds(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		id                  string
		system, integration bool
	}{
		{"grafana", false, false},
		{"AGENT_host1", true, false},
		{"MANAGER_x", true, false},
		{"MANAGER_INTEGRATED_", true, false},
		{"MANAGER_INTEGRATED_host1", true, true},
		{"manager_integrated_host1", false, false}, // JP1 compares case-sensitively
	} {
		if got := IsSystemClientID(tc.id); got != tc.system {
			t.Errorf("IsSystemClientID(%q) = %v", tc.id, got)
		}
		if got := IsIntegrationManagerClientID(tc.id); got != tc.integration {
			t.Errorf("IsIntegrationManagerClientID(%q) = %v", tc.id, got)
		}
	}
}
