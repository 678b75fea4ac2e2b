// Package validators holds the attribute validators that the framework-validators
// module does not offer: Go duration strings, endpoint URLs, PEM text and JP1 IDs.
package validators

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Duration checks that a string is a Go duration ("500ms", "30s", "2m") within [minimum, maximum].
func Duration(minimum, maximum time.Duration) validator.String {
	return durationValidator{minimum: minimum, maximum: maximum}
}

type durationValidator struct{ minimum, maximum time.Duration }

func (v durationValidator) Description(_ context.Context) string {
	return fmt.Sprintf("a duration such as \"500ms\", \"30s\" or \"2m\", between %s and %s", v.minimum, v.maximum)
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v durationValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := ParseDuration(req.ConfigValue.ValueString(), v.minimum, v.maximum); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration",
			fmt.Sprintf("%s %s.", req.Path, err))
	}
}

// ParseDuration parses s and checks its bounds; the error text completes "<attribute> ...".
// The provider uses it for environment variables too, so both sources give the same message.
func ParseDuration(s string, minimum, maximum time.Duration) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("must be a duration such as \"500ms\", \"30s\" or \"2m\" (units ms, s, m, h), got %q", s)
	}
	if d < minimum || d > maximum {
		return 0, fmt.Errorf("must be between %s and %s, got %q", minimum, maximum, s)
	}
	return d, nil
}
