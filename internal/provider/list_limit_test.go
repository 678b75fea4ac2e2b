package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/list"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// A list stops producing once the list block's limit is reached (Terraform
// asks for 100 unless told otherwise), and produces everything with none.
func TestListLimited(t *testing.T) {
	for _, tc := range []struct {
		limit    int64
		consumer int // results the consumer takes before stopping; 0 = all
		want     int
	}{
		{limit: 0, want: 7}, {limit: 3, want: 3}, {limit: 7, want: 7}, {limit: 100, want: 7},
		{limit: 5, consumer: 2, want: 2},
	} {
		got := 0
		push := limited(tc.limit, func(list.ListResult) bool {
			got++
			return tc.consumer == 0 || got < tc.consumer
		})
		for range 7 {
			if !push(list.ListResult{}) {
				break
			}
		}
		if got != tc.want {
			t.Errorf("limit %d, consumer stopping after %d: %d results pushed, want %d", tc.limit, tc.consumer, got, tc.want)
		}
	}
}

// A list result never carries a secret JP1 returns: every memberSensitive
// member of the member table is nulled in every block that holds a value,
// not only in the one block a well-formed credential has.
func TestListWithoutReturnedSecrets(t *testing.T) {
	ctx := context.Background()
	community := "list-community-secret"
	var m analyticsCredentialModel
	if err := m.fromAPI(&jp1api.Credential{Name: "c", CredentialType: "SNMP", SNMPVersion: &[]string{"V1_V2C"}[0],
		Community: &community}, true); err != nil {
		t.Fatal(err)
	}
	// A second block holding a value: the nulling must not depend on there being one.
	var wmi analyticsCredentialModel
	if err := wmi.fromAPI(&jp1api.Credential{Name: "w", CredentialType: "WMI"}, true); err != nil {
		t.Fatal(err)
	}
	m.WMI = wmi.WMI
	sensitive := 0
	for _, blk := range credentialBlocks {
		for _, mem := range membersOf(blk.name) {
			if mem.kind == memberSensitive {
				sensitive++
			}
		}
	}
	if sensitive == 0 {
		t.Fatal("the member table has no memberSensitive member: the test checks nothing")
	}
	if diags := m.withoutReturnedSecrets(ctx); diags.HasError() {
		t.Fatal(diags)
	}
	for _, blk := range credentialBlocks {
		o := m.block(blk.name)
		if o.IsNull() {
			continue
		}
		for _, mem := range membersOf(blk.name) {
			if v := o.Attributes()[mem.name]; mem.kind == memberSensitive && !v.IsNull() {
				t.Errorf("%s.%s = %s in a list result", blk.name, mem.name, v)
			}
		}
		if strings.Contains(o.String(), community) {
			t.Errorf("%s holds the community: %s", blk.name, o)
		}
	}
	if m.SNMPV1V2C.IsNull() || m.SNMPV1V2C.Attributes()["port_number"] == nil {
		t.Errorf("the block itself is gone: %s", m.SNMPV1V2C)
	}
}
