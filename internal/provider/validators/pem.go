package validators

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// CACertPEM checks that a string holds at least one PEM-encoded X.509 certificate.
func CACertPEM() validator.String { return pemValidator{} }

// CACertFile checks that a string names a readable file holding PEM certificates.
func CACertFile() validator.String { return pemValidator{file: true} }

type pemValidator struct{ file bool }

func (v pemValidator) Description(_ context.Context) string {
	if v.file {
		return "the path of a readable file holding one or more PEM-encoded CA certificates"
	}
	return "one or more PEM-encoded CA certificates (-----BEGIN CERTIFICATE----- ...)"
}

func (v pemValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v pemValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var err error
	if v.file {
		_, err = jp1api.ReadCAFile(req.ConfigValue.ValueString())
	} else {
		err = jp1api.ValidateCAPEM([]byte(req.ConfigValue.ValueString()))
	}
	if err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid CA certificate", fmt.Sprintf("%s %s.", req.Path, err))
	}
}
