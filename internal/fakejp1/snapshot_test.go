package fakejp1

import (
	"reflect"
	"strings"
	"testing"
)

// A snapshot restores what it was taken of, and a restored fake goes on from
// there (instanceIDs are never given out twice).
func TestSnapshotRoundTrip(t *testing.T) {
	t.Parallel()
	s := New()
	s.PutIMClient("client-a")
	s.PutProxyUser("proxy-a", "pw")
	s.PutLowerManager("lower-a", "init")
	s.SetLowerManagerUnreachable("lower-a", true)
	port := int64(22)
	id := s.PutCredential(Credential{Name: "ssh-a", CredentialType: "SSH", PortNumber: &port})
	s.DeleteCredential(s.PutCredential(Credential{Name: "gone", CredentialType: "SSH"}))
	data, err := s.MarshalSnapshot()
	if err != nil {
		t.Fatal(err)
	}

	r := New()
	if err := r.UnmarshalSnapshot(data); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r.Snapshot(), s.Snapshot()) {
		t.Fatalf("restored %+v\nwant %+v", r.Snapshot(), s.Snapshot())
	}
	if next := r.PutCredential(Credential{Name: "next", CredentialType: "SSH"}); next != id+2 {
		t.Errorf("the next credential got instanceID %d, want %d", next, id+2)
	}
	for _, bad := range []string{`{"version": 2}`, `{"version": 1, "credentials": [{"instanceID": 0}]}`,
		`{"version": 1, "imClients": [{"id": "a"}, {"id": "a"}]}`, `not json`} {
		if err := New().UnmarshalSnapshot([]byte(bad)); err == nil || !strings.HasPrefix(err.Error(), "fakejp1: snapshot") {
			t.Errorf("%s: %v", bad, err)
		}
	}
}
