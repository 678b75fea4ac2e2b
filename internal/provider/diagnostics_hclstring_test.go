package provider

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// hclString writes a quoted HCL string whose value is exactly its input:
// HCL knows only \n \r \t \" \\ \uNNNN and \UNNNNNNNN escapes, so Go's \x17,
// \a or \x7f are invalid HCL, and every control character is escaped.
func TestHCLStringRoundTrips(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"plain", `"plain"`},
		{"", `""`},
		{"etb\x17", `"etb\u0017"`},
		{"del\x7f", `"del\u007f"`},
		{"nul\x00bel\a bs\b ff\f vt\v esc\x1b", `"nul\u0000bel\u0007 bs\u0008 ff\u000c vt\u000b esc\u001b"`},
		{"nl\n cr\r tab\t", `"nl\n cr\r tab\t"`},
		{"c1\u0085\u009f", `"c1\u0085\u009f"`},
		{"bidi\u202eevil\u200b", `"bidi\u202eevil\u200b"`},
		{"nbsp\u00a0tag\U000e0001", `"nbsp\u00a0tag\U000e0001"`},
		{`quote" back\slash`, `"quote\" back\\slash"`},
		{"${interp} %{ctl}", `"$${interp} %%{ctl}"`},
		{"$${already} %%{escaped}", `"$$${already} %%%{escaped}"`},
		{"$ alone % alone {brace} $$ %%", `"$ alone % alone {brace} $$ %%"`},
		{"日本語のホスト名 Ünïcödé 🚀", `"日本語のホスト名 Ünïcödé 🚀"`},
		{"name:a \"b\" \\c ${d} %{e}\x17", `"name:a \"b\" \\c $${d} %%{e}\u0017"`},
	} {
		got := hclString(tt.in)
		if got != tt.want {
			t.Errorf("hclString(%q) = %s, want %s", tt.in, got, tt.want)
		}
		expr, diags := hclsyntax.ParseExpression([]byte(got), "advice.tf", hcl.InitialPos)
		if diags.HasErrors() {
			t.Errorf("hclString(%q) = %s is not valid HCL: %s", tt.in, got, diags.Error())
			continue
		}
		v, diags := expr.Value(nil)
		if diags.HasErrors() {
			t.Errorf("hclString(%q) = %s does not evaluate: %s", tt.in, got, diags.Error())
			continue
		}
		if v.AsString() != tt.in {
			t.Errorf("hclString(%q) = %s reads back as %q", tt.in, got, v.AsString())
		}
	}
}
