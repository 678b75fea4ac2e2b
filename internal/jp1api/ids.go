package jp1api

import "strings"

// JP1/IM's rules for the IDs this client sends (IM3 5.4.4-5.4.6, IM2 5.9.1):
// which IDs the manager registers itself. Their lengths are in limits.go.
const (
	// ClientIDPrefixAgent begins the IDs JP1/IM registers for its agents.
	ClientIDPrefixAgent = "AGENT_"
	// ClientIDPrefixManager begins the IDs JP1/IM registers for managers.
	ClientIDPrefixManager = "MANAGER_"
	// ClientIDPrefixIntegrated begins MANAGER_INTEGRATED_<host>: the ID that an
	// integration manager <host> registers on its lower manager (IM3 5.19.2).
	// It cannot be issued through the API, but it can be deleted, which is what
	// the manual says to do when that integration manager is replaced.
	ClientIDPrefixIntegrated = ClientIDPrefixManager + "INTEGRATED_"
)

// IsSystemClientID reports an ID that JP1/IM registered itself rather than one
// issued through the API.
func IsSystemClientID(id string) bool {
	return strings.HasPrefix(id, ClientIDPrefixAgent) || strings.HasPrefix(id, ClientIDPrefixManager)
}

// IsIntegrationManagerClientID reports MANAGER_INTEGRATED_<host> with a host:
// a system ID that may be deleted (and so imported), never issued.
func IsIntegrationManagerClientID(id string) bool {
	return strings.HasPrefix(id, ClientIDPrefixIntegrated) && len(id) > len(ClientIDPrefixIntegrated)
}
