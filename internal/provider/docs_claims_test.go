package provider

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// The pages say only what is true for the code and the manuals. Where a rule
// can be stated, these tests state it; the last one keeps statements that
// were false (issue 19) from coming back.

// repoFile reads a file of the repository.
func repoFile(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var messageIDPattern = regexp.MustCompile(`KAJ[A-Z0-9]+-[A-Z]`)

// messageIDsKnown are the JP1 messageIds the client's code and the API
// contract name.
func messageIDsKnown(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "jp1api", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	text := repoFile(t, "docs/design/jp1-api.md")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text += string(b)
	}
	ids := messageIDPattern.FindAllString(text, -1)
	slices.Sort(ids)
	return slices.Compact(ids)
}

// Troubleshooting says it lists every messageId the provider can report: each
// one the code or the contract knows has a row of its own, and the page names
// no messageId that neither knows.
func TestDocsTroubleshooting_listsEveryMessageID(t *testing.T) {
	page := repoFile(t, "templates/guides/troubleshooting.md.tmpl")
	known := messageIDsKnown(t)
	if len(known) < 10 {
		t.Fatalf("only %d messageIds found in the code and the contract: %v", len(known), known)
	}
	for _, id := range known {
		if !strings.Contains(page, "| `"+id+"` |") {
			t.Errorf("troubleshooting.md.tmpl has no row for %s, which the client or the contract knows", id)
		}
	}
	for _, id := range messageIDPattern.FindAllString(page, -1) {
		if !slices.Contains(known, id) {
			t.Errorf("troubleshooting.md.tmpl names %s, which neither the client nor the contract knows", id)
		}
	}
}

// A secret is described as encoded only where the provider encodes it: the
// Credentials API takes Base64, the IM APIs the text as it is.
func TestDocsSecrets_encodingOnlyWhereItHappens(t *testing.T) {
	for _, tc := range []struct {
		r       resource.Resource
		encoded bool
	}{
		{NewProxyUserResource(), false},
		{NewIMLowerManagerResource(), false},
		{NewAnalyticsCredentialResource(), true},
	} {
		var resp resource.SchemaResponse
		tc.r.Schema(context.Background(), resource.SchemaRequest{}, &resp)
		var meta resource.MetadataResponse
		tc.r.Metadata(context.Background(), resource.MetadataRequest{ProviderTypeName: "jp1"}, &meta)
		secrets := 0
		walkStringAttributes(resp.Schema.Attributes, resp.Schema.Blocks, func(name string, a schema.StringAttribute) {
			if !a.Sensitive || a.WriteOnly || name == "community" {
				return
			}
			secrets++
			says := strings.Contains(a.MarkdownDescription, "encode") || strings.Contains(a.MarkdownDescription, "Base64")
			if says != tc.encoded {
				t.Errorf("%s.%s: the description says it is encoded: %v, the provider encodes it: %v\n%s",
					meta.TypeName, name, says, tc.encoded, a.MarkdownDescription)
			}
		})
		if secrets == 0 {
			t.Errorf("%s: no secret attribute found", meta.TypeName)
		}
	}
}

func walkStringAttributes(attrs map[string]schema.Attribute, blocks map[string]schema.Block, f func(string, schema.StringAttribute)) {
	for name, a := range attrs {
		if s, ok := a.(schema.StringAttribute); ok {
			f(name, s)
		}
	}
	for _, b := range blocks {
		if nb, ok := b.(schema.SingleNestedBlock); ok {
			walkStringAttributes(nb.Attributes, nb.Blocks, f)
		}
	}
}

// jp1_im_client is for programs of the user's own. The ID an integration
// manager uses to reach a lower manager is JP1's own (MANAGER_INTEGRATED_,
// IM3 5.19.2): no page may say a lower manager uses a client this resource
// issues, and the resource's description says whose that ID is.
func TestDocsIMClient_saysWhoUsesTheSecret(t *testing.T) {
	var resp resource.SchemaResponse
	NewIMClientResource().Schema(context.Background(), resource.SchemaRequest{}, &resp)
	desc := resp.Schema.MarkdownDescription
	if !strings.Contains(desc, "integration manager") || !strings.Contains(desc, "MANAGER_INTEGRATED_") {
		t.Errorf("the description does not say that the MANAGER_INTEGRATED_ ID is the integration manager's:\n%s", desc)
	}
	wrong := regexp.MustCompile(`(?i)or a lower manager (uses|to call)|used by an? [^.|]*or a lower manager`)
	pages := map[string]string{"the resource description": desc}
	for _, f := range []string{"README.md", "templates/index.md.tmpl", "templates/resources/im_client.md.tmpl"} {
		pages[f] = repoFile(t, f)
	}
	for name, text := range pages {
		if m := wrong.FindString(text); m != "" {
			t.Errorf("%s says a lower manager uses an IM client secret: %q", name, m)
		}
	}
}

// keepers deletes the client before it issues it again, so the program that
// uses it fails in between: the resource page and the secrets guide say so,
// and show the two-client-ID pattern that avoids it.
func TestDocsIMClient_rotationGap(t *testing.T) {
	for file, heading := range map[string]string{
		"templates/resources/im_client.md.tmpl":           "### Rotating without a gap: two client IDs",
		"templates/guides/secrets-and-write-only.md.tmpl": "## Rotating an IM client secret without a gap",
	} {
		page := repoFile(t, file)
		if !strings.Contains(page, "`keepers` alone") || !strings.Contains(page, "gap") {
			t.Errorf("%s does not say that keepers alone leaves a gap", file)
		}
		start := strings.Index(page, heading+"\n")
		if start < 0 {
			t.Errorf("%s has no section %q", file, heading)
			continue
		}
		section := page[start+len(heading):]
		if end := strings.Index(section, "\n## "); end >= 0 {
			section = section[:end]
		}
		if n := strings.Count(section, `client_id = "`); n < 2 && !strings.Contains(section, "for_each") {
			t.Errorf("%s: the section %q shows %d client IDs, want two", file, heading, n)
		}
	}
}

// Statements that were false (issue 19): each is gone from every page.
func TestDocsClaims_falseStatementsStayGone(t *testing.T) {
	for _, c := range []struct{ file, text, why string }{
		{"templates/guides/importing.md.tmpl", "exactly the secrets of your configuration",
			"an optional secret the configuration does not name stays in JP1 unseen"},
		{"templates/resources/analytics_credential.md.tmpl", "three forms", "a secret has two forms of argument"},
		{"templates/resources/analytics_credential.md.tmpl", "JP1 then uses the protocol's default",
			"the manual names no default port; the ports are the provider's decision"},
		{"templates/resources/proxy_user.md.tmpl", "refuses overlapping requests with",
			"the manual says the API cannot run concurrently, not which answer an overlap gets"},
		{"templates/guides/troubleshooting.md.tmpl", "user names are case-sensitive",
			"the manuals do not say whether JP1 compares user names ignoring case"},
		{"templates/guides/troubleshooting.md.tmpl", "(after 1 attempt). the", "the provider begins a hint with a capital"},
		{"templates/guides/drift-detection-in-ci.md.tmpl", "With `dev_overrides` in the CLI configuration,\ninit is not needed",
			"terraform init still queries the registry for an overridden provider"},
		{"templates/guides/importing.md.tmpl", "names are case-sensitive", "the provider compares names exactly; JP1's rule is not documented"},
		{"README.md", "as some Operations Analytics versions do", "no manual says so"},
	} {
		if strings.Contains(repoFile(t, c.file), c.text) {
			t.Errorf("%s says %q, which is not true: %s", c.file, c.text, c.why)
		}
	}
}
