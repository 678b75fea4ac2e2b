package fakejp1

import (
	"maps"
	"slices"
	"sort"
)

// Direct state access, for out-of-band changes (drift tests) and assertions.
// Nothing here is validated or counted, and every value returned is a copy.

// Credentials returns every OA credential, sorted by InstanceID.
func (s *Server) Credentials() []Credential {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Credential, 0, len(s.creds))
	for _, c := range s.creds {
		out = append(out, c.clone())
	}
	sort.Slice(out, func(i, j int) bool { return out[i].InstanceID < out[j].InstanceID })
	return out
}

// Credential returns the OA credential with this instanceID.
func (s *Server) Credential(id int64) (Credential, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.creds[id]
	if !ok {
		return Credential{}, false
	}
	return c.clone(), true
}

// CredentialByName returns the OA credential with this name.
func (s *Server) CredentialByName(name string) (Credential, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.creds {
		if c.Name == name {
			return c.clone(), true
		}
	}
	return Credential{}, false
}

// PutCredential stores c without validation: InstanceID 0 inserts it under a
// new ID, any other ID inserts or replaces. It returns the InstanceID.
func (s *Server) PutCredential(c Credential) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	c = c.clone()
	if c.InstanceID == 0 {
		c.InstanceID = s.nextCredID
	}
	s.nextCredID = max(s.nextCredID, c.InstanceID+1) // IDs are never reused
	s.creds[c.InstanceID] = &c
	return c.InstanceID
}

// DeleteCredential removes an OA credential; it reports whether it existed.
func (s *Server) DeleteCredential(id int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.creds[id]
	delete(s.creds, id)
	return ok
}

// SetRelatedResources sets numOfRelatedResources of a credential, which the
// API only reads.
func (s *Server) SetRelatedResources(id int64, n int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.creds[id]; ok {
		c.NumOfRelatedResources = n
	}
}

// IMClientIDs returns every registered IM client ID, sorted, system IDs included.
func (s *Server) IMClientIDs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return sortedKeys(s.imClients)
}

// IMClientSecret returns the current secret of an IM client ID.
func (s *Server) IMClientSecret(id string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.imClients[id]
	return c.secret, ok
}

// PutIMClient registers id (any ID, system ones included) with a fresh
// secret, replacing an existing one, and returns the secret.
func (s *Server) PutIMClient(id string) (secret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.newIMClient()
	s.imClients[id] = c
	return c.secret
}

// DeleteIMClient unregisters an IM client ID; it reports whether it existed.
func (s *Server) DeleteIMClient(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.imClients[id]
	delete(s.imClients, id)
	return ok
}

// ProxyUsers returns the proxy users, id -> password.
func (s *Server) ProxyUsers() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.proxyUsers)
}

// ProxyPassword returns the password of a proxy user.
func (s *Server) ProxyPassword(id string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	pw, ok := s.proxyUsers[id]
	return pw, ok
}

// PutProxyUser creates or replaces a proxy user, bypassing the lock.
func (s *Server) PutProxyUser(id, password string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.proxyUsers[id] = password
}

// DeleteProxyUser removes a proxy user; it reports whether it existed.
func (s *Server) DeleteProxyUser(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.proxyUsers[id]
	delete(s.proxyUsers, id)
	return ok
}

// LowerManagers returns the registered lower managers, sorted.
func (s *Server) LowerManagers() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return sortedKeys(s.lowerManagers)
}

// LowerManagerSecret returns the initial secret registered for a lower manager.
func (s *Server) LowerManagerSecret(host string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sec, ok := s.lowerManagers[host]
	return sec, ok
}

// PutLowerManager registers a lower manager or replaces its initial secret.
func (s *Server) PutLowerManager(host, initialSecret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lowerManagers[host] = initialSecret
}

// DeleteLowerManager unregisters a lower manager; it reports whether it existed.
func (s *Server) DeleteLowerManager(host string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.lowerManagers[host]
	delete(s.lowerManagers, host)
	return ok
}

// sortedKeys returns the keys of m sorted, and never nil: lists are encoded
// as [] rather than null.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
