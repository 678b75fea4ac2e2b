package fakejp1

import (
	"encoding/json"
	"fmt"
	"maps"
	"sort"
	"time"
)

// SnapshotVersion is the version of the Snapshot format; Restore refuses others.
const SnapshotVersion = 1

// Snapshot is what the fake holds that a restart would otherwise lose: the
// objects of both products, with their secrets. Users, sessions, faults,
// knobs and counters are not part of it. The standalone command saves it to
// its -state-file, so a demo or an experiment survives a restart.
type Snapshot struct {
	Version int `json:"version"`
	// IMClients are the registered client IDs, with the secret issued and when.
	IMClients []SnapshotIMClient `json:"imClients"`
	// ProxyUsers maps a proxy user ID to its password.
	ProxyUsers map[string]string `json:"proxyUsers"`
	// LowerManagers maps a lower manager's host name to its initial secret.
	LowerManagers map[string]string `json:"lowerManagers"`
	// Unreachable lists the lower managers marked unreachable.
	Unreachable []string `json:"unreachable"`
	// Credentials are the Operations Analytics credentials, secrets included.
	Credentials []Credential `json:"credentials"`
	// NextCredentialID is the instanceID the next credential gets (IDs are
	// never given out twice).
	NextCredentialID int64 `json:"nextCredentialId"`
}

// SnapshotIMClient is one IM client ID of a Snapshot.
type SnapshotIMClient struct {
	ID             string    `json:"id"`
	Secret         string    `json:"secret"`
	LastUpdateTime time.Time `json:"lastUpdateTime"`
}

// Snapshot returns a copy of what the fake holds, in a stable order.
func (s *Server) Snapshot() Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	snap := Snapshot{
		Version:          SnapshotVersion,
		IMClients:        []SnapshotIMClient{},
		ProxyUsers:       maps.Clone(s.proxyUsers),
		LowerManagers:    maps.Clone(s.lowerManagers),
		Unreachable:      sortedKeys(s.unreachable),
		Credentials:      []Credential{},
		NextCredentialID: s.nextCredID,
	}
	for _, id := range sortedKeys(s.imClients) {
		c := s.imClients[id]
		snap.IMClients = append(snap.IMClients, SnapshotIMClient{ID: id, Secret: c.secret, LastUpdateTime: c.updated})
	}
	for _, c := range s.creds {
		snap.Credentials = append(snap.Credentials, c.clone())
	}
	sort.Slice(snap.Credentials, func(i, j int) bool { return snap.Credentials[i].InstanceID < snap.Credentials[j].InstanceID })
	return snap
}

// Restore replaces what the fake holds with snap (as Snapshot returned it).
// Nothing is validated beyond what keeps the fake consistent: IDs unique,
// instanceIDs positive and below NextCredentialID.
func (s *Server) Restore(snap Snapshot) error {
	if snap.Version != SnapshotVersion {
		return fmt.Errorf("fakejp1: snapshot version %d, want %d", snap.Version, SnapshotVersion)
	}
	clients := map[string]imClient{}
	for _, c := range snap.IMClients {
		if _, dup := clients[c.ID]; dup || c.ID == "" {
			return fmt.Errorf("fakejp1: snapshot: IM client ID %q is empty or given twice", c.ID)
		}
		clients[c.ID] = imClient{secret: c.Secret, updated: c.LastUpdateTime.UTC()}
	}
	creds := map[int64]*Credential{}
	next := max(snap.NextCredentialID, 1)
	for _, c := range snap.Credentials {
		if _, dup := creds[c.InstanceID]; dup || c.InstanceID < 1 {
			return fmt.Errorf("fakejp1: snapshot: credential instanceID %d is not positive or given twice", c.InstanceID)
		}
		c := c.clone()
		creds[c.InstanceID] = &c
		next = max(next, c.InstanceID+1)
	}
	unreachable := map[string]bool{}
	for _, h := range snap.Unreachable {
		unreachable[h] = true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.imClients = clients
	s.proxyUsers = orEmpty(snap.ProxyUsers)
	s.lowerManagers = orEmpty(snap.LowerManagers)
	s.unreachable = unreachable
	s.creds = creds
	s.nextCredID = next
	return nil
}

func orEmpty(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return maps.Clone(m)
}

// MarshalSnapshot is Snapshot as indented JSON, the -state-file format.
func (s *Server) MarshalSnapshot() ([]byte, error) {
	return json.MarshalIndent(s.Snapshot(), "", "  ")
}

// UnmarshalSnapshot restores a -state-file (MarshalSnapshot's JSON).
func (s *Server) UnmarshalSnapshot(data []byte) error {
	var snap Snapshot
	if err := json.Unmarshal(data, &snap); err != nil {
		return fmt.Errorf("fakejp1: snapshot: %w", err)
	}
	return s.Restore(snap)
}

// Objects counts what a snapshot holds, for a line of output.
func (snap Snapshot) Objects() string {
	return fmt.Sprintf("%d IM client(s), %d proxy user(s), %d lower manager(s), %d credential(s)",
		len(snap.IMClients), len(snap.ProxyUsers), len(snap.LowerManagers), len(snap.Credentials))
}
