package planmodifiers

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// RotateUnlessImported is for a rotation trigger such as `keepers`: every
// change replaces the resource (a new secret), except the first recording of
// the trigger on an imported resource, recognised by a null secret in state.
// Replacing it then would destroy the secret its consumers use, which is what
// importing set out to avoid.
func RotateUnlessImported(secret path.Path) planmodifier.Map {
	const doc = "A change rotates the secret, except when it is first recorded on an imported resource."
	return mapplanmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.MapRequest, resp *mapplanmodifier.RequiresReplaceIfFuncResponse) {
		if req.StateValue.IsNull() {
			var s types.String
			resp.Diagnostics.Append(req.State.GetAttribute(ctx, secret, &s)...)
			if s.IsNull() {
				return
			}
		}
		resp.RequiresReplace = true
	}, doc, doc)
}
