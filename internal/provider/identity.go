package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Resource identity (Terraform >= 1.12, OpenTofu 1.12): what names an object in
// JP1 for good, stored beside the state and accepted by `import { identity = … }`.
// Each resource's identity is one attribute of the same name and value as a
// state attribute: the key JP1 lists it under (client_id, user_id, hostname)
// or the credential's instanceID, which, unlike its name, never changes.

// keyIdentitySchema is the identity of an object JP1 knows by one string key.
func keyIdentitySchema(attrName, doc string) identityschema.Schema {
	return identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		attrName: identityschema.StringAttribute{RequiredForImport: true, Description: doc},
	}}
}

// setIdentity records the identity attribute attrName = v. Every response that
// writes state writes the identity too (create, read, update, import), so state
// written by an older provider or by Terraform < 1.12 gains it on the next
// refresh. A null v (a credential whose create never told its instanceID)
// leaves the identity as it is.
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, attrName string, v attr.Value, diags *diag.Diagnostics) {
	if identity == nil || v.IsNull() || v.IsUnknown() {
		return
	}
	diags.Append(identity.SetAttribute(ctx, path.Root(attrName), v)...)
}

// importByKey imports an object known by one string key, from an import ID or
// from an identity; Read then checks that JP1 lists it and records the identity.
func importByKey(ctx context.Context, attrName string, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root(attrName), path.Root(attrName), req, resp)
	if resp.Diagnostics.HasError() {
		return
	}
	var key types.String
	resp.Diagnostics.Append(resp.State.GetAttribute(ctx, path.Root(attrName), &key)...)
	if !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), key)...)
	}
}
