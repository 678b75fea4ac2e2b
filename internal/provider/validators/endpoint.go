package validators

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// EndpointURL checks that a string is an absolute http(s) URL with a host, such as
// "http://immhost01:20703". The provider never guesses a scheme.
func EndpointURL() validator.String { return endpointValidator{} }

type endpointValidator struct{}

func (endpointValidator) Description(_ context.Context) string {
	return `an absolute URL with scheme "http" or "https" and a host, for example "https://jp1host:20703"`
}

func (v endpointValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (endpointValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := CheckEndpoint(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid endpoint URL", fmt.Sprintf("%s %s.", req.Path, err))
	}
}

// CheckEndpoint returns an error completing "<attribute> ..." when raw is not a usable endpoint.
func CheckEndpoint(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || raw == "" {
		return fmt.Errorf(`must be an absolute URL such as "https://jp1host:20703", got %q`, raw)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf(`must start with "http://" or "https://", got %q`, raw)
	}
	if u.Host == "" || strings.HasPrefix(u.Host, ":") {
		return fmt.Errorf(`must name a host, as in "https://jp1host:20703", got %q`, raw)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return fmt.Errorf("must not contain a query, fragment or user information, got %q", u.Redacted())
	}
	return nil
}
