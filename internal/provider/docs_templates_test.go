package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// tfplugindocs renders neither identity schemas nor list resources while docs/
// is generated with Terraform 1.11 (which reports neither), so each resource
// template describes them by hand. These tests keep those sections in step with
// the code: every identity attribute and every list-block config argument,
// with its type, named in its section.

// docTemplate is one resource page's template and the code it documents.
type docTemplate struct {
	file     string // under templates/resources
	resource func() resource.Resource
	list     func() list.ListResource
}

var docTemplates = []docTemplate{
	{"im_client.md.tmpl", NewIMClientResource, NewIMClientListResource},
	{"proxy_user.md.tmpl", NewProxyUserResource, NewProxyUserListResource},
	{"im_lower_manager.md.tmpl", NewIMLowerManagerResource, NewIMLowerManagerListResource},
	{"analytics_credential.md.tmpl", NewAnalyticsCredentialResource, NewAnalyticsCredentialListResource},
}

const (
	identityHeading = "## Identity"
	listHeading     = "## List resource (`terraform query`)"
)

// docArg is an attribute as a page names it: `name` and its type in words.
type docArg struct{ name, typ string }

// documented is what the code says a page must describe.
type documented struct {
	typeName string   // jp1_proxy_user
	identity []docArg // the identity schema's attributes
	listArgs []docArg // the list block's config arguments
}

func TestDocsTemplates_describeIdentityAndListResource(t *testing.T) {
	// Every resource the provider registers has a template here.
	if got, want := len(docTemplates), len((&jp1Provider{}).Resources(context.Background())); got != want {
		t.Fatalf("%d resource templates checked, the provider has %d resources", got, want)
	}
	for _, tc := range docTemplates {
		t.Run(tc.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("..", "..", "templates", "resources", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			want := documentedByCode(t, tc)
			if "jp1_"+strings.TrimSuffix(tc.file, ".md.tmpl") != want.typeName {
				t.Fatalf("template %s is not named after %s", tc.file, want.typeName)
			}
			for _, p := range templateProblems(string(raw), want) {
				t.Error(p)
			}
		})
	}
}

// The check fails when a section, an attribute or a type is missing.
func TestDocsTemplates_problemsAreFound(t *testing.T) {
	want := documented{
		typeName: "jp1_x",
		identity: []docArg{{"key_id", "String"}},
		listArgs: []docArg{{"only_this", "Boolean"}},
	}
	good := "# x\n\n" + identityHeading + "\n\n| `key_id` | String | the key |\n\n" +
		"```terraform\nimport {\n  to       = jp1_x.a\n  identity = { key_id = \"a\" }\n}\n```\n\n" +
		listHeading + "\n\n```terraform\nlist \"jp1_x\" \"all\" {\n  provider = jp1\n}\n```\n\n" +
		"- `only_this` (Boolean, optional, default `false`): …\n\n## Import\n\nby ID\n"
	if p := templateProblems(good, want); len(p) > 0 {
		t.Fatalf("a complete page is reported: %q", p)
	}
	for name, page := range map[string]string{
		"no identity section":      strings.Replace(good, identityHeading, "## Identities", 1),
		"no list section":          strings.Replace(good, listHeading, "## Listing", 1),
		"identity attribute gone":  strings.ReplaceAll(good, "`key_id` | String", "`id` | String"),
		"identity type wrong":      strings.Replace(good, "`key_id` | String", "`key_id` | Number", 1),
		"no identity import block": strings.Replace(good, "identity = { key_id", "id = { key_id", 1),
		"no list block example":    strings.Replace(good, `list "jp1_x"`, `list "jp1_y"`, 1),
		"list argument gone":       strings.Replace(good, "`only_this` (Boolean", "`other` (Boolean", 1),
		"list argument type wrong": strings.Replace(good, "`only_this` (Boolean", "`only_this` (String", 1),
		// An argument named only outside its section does not count.
		"list argument elsewhere": strings.Replace(strings.Replace(good, "- `only_this` (Boolean, optional, default `false`): …\n", "", 1),
			"by ID\n", "by ID\n\n- `only_this` (Boolean, optional)\n", 1),
	} {
		if p := templateProblems(page, want); len(p) == 0 {
			t.Errorf("%s: not reported", name)
		}
	}
}

// documentedByCode asks the resource and its list resource for their schemas.
func documentedByCode(t *testing.T, tc docTemplate) documented {
	t.Helper()
	ctx := context.Background()
	r := tc.resource()
	var meta resource.MetadataResponse
	r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "jp1"}, &meta)
	d := documented{typeName: meta.TypeName}

	withIdentity, ok := r.(resource.ResourceWithIdentity)
	if !ok {
		t.Fatalf("%s has no identity", meta.TypeName)
	}
	var idResp resource.IdentitySchemaResponse
	withIdentity.IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &idResp)
	if idResp.Diagnostics.HasError() || len(idResp.IdentitySchema.Attributes) == 0 {
		t.Fatalf("%s: no identity schema: %v", meta.TypeName, idResp.Diagnostics)
	}
	for name, a := range idResp.IdentitySchema.Attributes {
		d.identity = append(d.identity, docArg{name, typeWord(t, a.GetType())})
	}

	l := tc.list()
	var listMeta resource.MetadataResponse
	l.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "jp1"}, &listMeta)
	if listMeta.TypeName != d.typeName {
		t.Fatalf("list resource %s documented on the page of %s", listMeta.TypeName, d.typeName)
	}
	var listResp list.ListResourceSchemaResponse
	l.ListResourceConfigSchema(ctx, list.ListResourceSchemaRequest{}, &listResp)
	if listResp.Diagnostics.HasError() {
		t.Fatalf("%s: list config schema: %v", d.typeName, listResp.Diagnostics)
	}
	for name, a := range listResp.Schema.Attributes {
		d.listArgs = append(d.listArgs, docArg{name, typeWord(t, a.GetType())})
	}
	for name := range listResp.Schema.Blocks {
		t.Fatalf("%s: list config block %q: extend this test to check blocks", d.typeName, name)
	}
	byName := func(a, b docArg) int { return strings.Compare(a.name, b.name) }
	slices.SortFunc(d.identity, byName)
	slices.SortFunc(d.listArgs, byName)
	return d
}

// typeWord is a type as the pages write it (tfplugindocs' words).
func typeWord(t *testing.T, typ attr.Type) string {
	t.Helper()
	switch {
	case typ.Equal(types.StringType):
		return "String"
	case typ.Equal(types.Int64Type), typ.Equal(types.NumberType), typ.Equal(types.Float64Type):
		return "Number"
	case typ.Equal(types.BoolType):
		return "Boolean"
	}
	t.Fatalf("no word for type %s: extend typeWord", typ)
	return ""
}

// templateProblems lists what the page's identity and list-resource sections
// lack: the section itself, a table row "| `attr` | Type |" and an import block
// by identity for each identity attribute, a list block of the type, and
// "`arg` (Type" for each config argument of the list block.
func templateProblems(page string, want documented) []string {
	var problems []string
	identity, ok := section(page, identityHeading)
	if !ok {
		problems = append(problems, fmt.Sprintf("no %q section", identityHeading))
	}
	for _, a := range want.identity {
		if row := fmt.Sprintf("| `%s` | %s |", a.name, a.typ); !strings.Contains(identity, row) {
			problems = append(problems, fmt.Sprintf("%s: no row %q for the identity attribute", identityHeading, row))
		}
		if example := "identity = { " + a.name + " = "; !strings.Contains(identity, example) {
			problems = append(problems, fmt.Sprintf("%s: no import block with %q", identityHeading, example))
		}
	}
	listed, ok := section(page, listHeading)
	if !ok {
		problems = append(problems, fmt.Sprintf("no %q section", listHeading))
	}
	if block := fmt.Sprintf("list %q ", want.typeName); !strings.Contains(listed, block) {
		problems = append(problems, fmt.Sprintf("%s: no example %q block", listHeading, block))
	}
	for _, a := range want.listArgs {
		if item := fmt.Sprintf("`%s` (%s", a.name, a.typ); !strings.Contains(listed, item) {
			problems = append(problems, fmt.Sprintf("%s: the config argument is not described as %q", listHeading, item))
		}
	}
	return problems
}

// section is the text under the level-2 heading (the whole heading line),
// up to the next level-2 heading.
func section(page, heading string) (string, bool) {
	lines := strings.SplitAfter(page, "\n")
	start := slices.IndexFunc(lines, func(l string) bool { return strings.TrimRight(l, "\n") == heading })
	if start < 0 {
		return "", false
	}
	var b strings.Builder
	for _, l := range lines[start+1:] {
		if strings.HasPrefix(l, "## ") {
			break
		}
		b.WriteString(l)
	}
	return b.String(), true
}
