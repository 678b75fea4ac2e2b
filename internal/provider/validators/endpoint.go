package validators

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
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
// The errors never repeat user information (a password may be in it).
func CheckEndpoint(raw string) error {
	shown := WithoutUserInfo(raw)
	u, err := url.Parse(raw)
	if err != nil || raw == "" {
		return fmt.Errorf(`must be an absolute URL such as "https://jp1host:20703", got %q`, shown)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf(`must start with "http://" or "https://", got %q`, shown)
	}
	if u.Host == "" || strings.HasPrefix(u.Host, ":") {
		return fmt.Errorf(`must name a host, as in "https://jp1host:20703", got %q`, shown)
	}
	if u.User != nil {
		return fmt.Errorf("must not contain user information (give im.username and im.password, or analytics.username and analytics.password, instead), got %q", shown)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("must not contain a query or fragment, got %q", shown)
	}
	return nil
}

// WithoutUserInfo drops the user information from raw, parsable or not, so
// that no password can be printed: everything before the last "@" (an endpoint
// has no other use for "@", and a password may hold "/", "?", "#" or "@")
// except the scheme and what separates it from the host, which are kept only
// when they cannot be part of a password: "http" or "https" followed by any
// mix of ":", "/" and "\" (a mistyped "//": "https:/", "https:", "https:\\"),
// or any scheme followed by "://". Otherwise ("admin:S3cret@host") only what
// follows the "@" is shown.
func WithoutUserInfo(raw string) string {
	at := strings.LastIndex(raw, "@")
	if at < 0 {
		return raw
	}
	prefix := ""
	if m := schemePrefix.FindStringSubmatch(raw[:at]); m != nil {
		scheme, sep := m[1], m[2]
		if strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || sep == "://" {
			prefix = m[0]
		}
	}
	return prefix + raw[at+1:]
}

// schemePrefix is a scheme and its separator from the host, after blanks.
var schemePrefix = regexp.MustCompile(`^\s*([A-Za-z][A-Za-z0-9+.-]*)([:/\\]+)`)
