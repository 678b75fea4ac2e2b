package jp1api

import (
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
)

// FindCredential finds a credential by name and type (the type in any case),
// so that a create whose outcome is unknown can be found again and adopted;
// a same-named credential of another type is not found.
func TestFindCredentialByNameAndType(t *testing.T) {
	t.Parallel()
	fake := fakejp1.New()
	url, err := fake.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer fake.Close()
	id := fake.PutCredential(fakejp1.Credential{Name: "web 01", CredentialType: "SSH"})
	c := NewAnalyticsClient(testHTTP(), AnalyticsConfig{Endpoint: url, Username: fakejp1.AnalyticsAdminUser, Password: fakejp1.AnalyticsAdminPassword})
	got, err := c.FindCredential(ctxTimeout(t), "web 01", "ssh")
	if err != nil || got.InstanceID != id {
		t.Fatalf("%v %v", got, err)
	}
	if _, err := c.FindCredential(ctxTimeout(t), "web 01", "WMI"); !IsNotFound(err) {
		t.Fatalf("another type: %v", err)
	}
	if _, err := c.FindCredential(ctxTimeout(t), "web 02", "SSH"); !IsNotFound(err) {
		t.Fatalf("another name: %v", err)
	}
}
