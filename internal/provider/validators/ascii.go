package validators

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Length checks that a string has between minimum and maximum characters. JP1's IDs
// are ASCII, so characters and bytes agree for every value the ASCII rule accepts;
// counting characters keeps the message right for the ones it rejects.
func Length(minimum, maximum int) validator.String {
	return lengthValidator{minimum: minimum, maximum: maximum}
}

type lengthValidator struct{ minimum, maximum int }

func (v lengthValidator) Description(_ context.Context) string {
	return fmt.Sprintf("%d to %d characters", v.minimum, v.maximum)
}

func (v lengthValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v lengthValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if n := utf8.RuneCountInString(req.ConfigValue.ValueString()); n < v.minimum || n > v.maximum {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid length",
			fmt.Sprintf("%s must be %d to %d characters long, got %d.", req.Path, v.minimum, v.maximum, n))
	}
}

// ASCII checks that every character is ASCII from lowest to 0x7E (0x20 admits the
// space, 0x21 does not) and is not one of forbidden. The message names the first
// offending character and its position, so a long ID is easy to fix.
func ASCII(lowest byte, forbidden string) validator.String {
	return asciiValidator{lowest: lowest, forbidden: forbidden}
}

// SecretASCII is ASCII for a secret: its message gives the position of the first
// offending character but never the character itself.
func SecretASCII(lowest byte) validator.String {
	return asciiValidator{lowest: lowest, secret: true}
}

type asciiValidator struct {
	lowest    byte
	forbidden string
	secret    bool
}

func (v asciiValidator) Description(_ context.Context) string {
	allowed := "letters, digits and symbols, no spaces"
	if v.lowest <= ' ' {
		allowed = "letters, digits, space and symbols"
	}
	d := fmt.Sprintf("only ASCII characters 0x%02X to 0x7E (%s)", v.lowest, allowed)
	if v.forbidden != "" {
		quoted := make([]string, 0, len(v.forbidden))
		for _, r := range v.forbidden {
			quoted = append(quoted, fmt.Sprintf("%q", r))
		}
		d += " except " + strings.Join(quoted, ", ")
	}
	return d
}

func (v asciiValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v asciiValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	pos := 0
	for _, r := range req.ConfigValue.ValueString() {
		pos++
		if r >= rune(v.lowest) && r <= 0x7E && !strings.ContainsRune(v.forbidden, r) {
			continue
		}
		found := fmt.Sprintf("found %q at position %d", r, pos)
		if v.secret {
			found = fmt.Sprintf("the character at position %d is not (the value is not shown: it is secret)", pos)
		}
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid character",
			fmt.Sprintf("%s may contain %s; %s.", req.Path, v.Description(ctx), found))
		return
	}
}
