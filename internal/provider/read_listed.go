package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// readListed is the Read of an object that JP1 can only list (IM client IDs,
// proxy users, lower managers; there is no get-one API): the client answers
// every Read of a run from one cached list call. It reports whether key is
// listed. A key absent from a well-formed list was deleted outside Terraform:
// it leaves state, so the plan creates it again. A failed or malformed list
// is an error and state is kept (only an explicit absence removes it).
func readListed(ctx context.Context, resp *resource.ReadResponse, what, key string, list func(context.Context) ([]string, error)) bool {
	items, err := list(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Could not read %s %q", what, key), err)
		return false
	}
	if !slices.Contains(items, key) {
		resp.State.RemoveResource(ctx)
		return false
	}
	return true
}
