package fakejp1

import (
	"encoding/base64"
	"testing"
	"time"
)

func TestRandomString(t *testing.T) {
	t.Parallel()
	a, b := randomString(32), randomString(32)
	if a == b || len(a) != 43 {
		t.Errorf("randomString(32) = %q, %q", a, b)
	}
	if raw, err := base64.RawURLEncoding.DecodeString(a); err != nil || len(raw) != 32 {
		t.Errorf("not base64url of 32 bytes: %v", err)
	}
}

func TestSessionExpired(t *testing.T) {
	t.Parallel()
	t0 := time.Now()
	ss := session{user: "u", issued: t0}
	if ss.expired(t0.Add(time.Second-1), time.Second) || !ss.expired(t0.Add(time.Second), time.Second) {
		t.Error("a session expires exactly when its lifetime has elapsed")
	}
}
