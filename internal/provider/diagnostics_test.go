package provider

import (
	"strings"
	"testing"
)

// The import block of a hint is valid HCL when pasted: quotes, backslashes
// and template sequences in the ID are escaped.
func TestImportAdviceQuotesTheID(t *testing.T) {
	got := importAdvice(`name:a "b" \c ${d} %{e}`, "name")
	want := `id = "name:a \"b\" \\c $${d} %%{e}"`
	if !strings.Contains(got, want) || strings.Contains(got, "terraform import jp1_") {
		t.Errorf("advice %q lacks %q", got, want)
	}
}
