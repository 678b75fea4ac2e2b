// Package planmodifiers holds the provider's own attribute plan modifiers,
// beside the validators package; resources only pick them.
package planmodifiers

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// SameAs plans a computed string as the planned value of another attribute of
// the same resource, such as an `id` that always equals `client_id`. Unlike
// UseStateForUnknown it also knows the value when the resource is created or
// replaced, so the plan does not show "(known after apply)" for it.
func SameAs(other path.Path) planmodifier.String { return sameAs{other: other} }

type sameAs struct{ other path.Path }

func (m sameAs) Description(_ context.Context) string {
	return fmt.Sprintf("The value equals %s.", m.other)
}

func (m sameAs) MarkdownDescription(_ context.Context) string {
	return fmt.Sprintf("The value equals `%s`.", m.other)
}

func (m sameAs) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.Plan.Raw.IsNull() { // destroy
		return
	}
	var v types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, m.other, &v)...)
	if resp.Diagnostics.HasError() || v.IsUnknown() {
		return
	}
	resp.PlanValue = v
}
