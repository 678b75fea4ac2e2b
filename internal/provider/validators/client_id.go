package validators

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

const chooseOther = ". Choose an ID that begins with neither " + jp1api.ClientIDPrefixAgent + " nor " + jp1api.ClientIDPrefixManager

// ClientID returns one validator per client-ID rule (jp1api holds the rules),
// so a refused ID is told exactly which rule it breaks and what is allowed, at
// validate time, before JP1 sees it. MANAGER_INTEGRATED_<host> passes: it may
// be imported and destroyed; jp1_im_client refuses to issue it at plan time.
func ClientID() []validator.String {
	return []validator.String{
		Length(1, jp1api.MaxClientIDLength),
		ASCII(0x20, ":"),
		NoPrefix(jp1api.ClientIDPrefixAgent, "JP1/IM reserves it for the IDs of its agents"+chooseOther, nil),
		NoPrefix(jp1api.ClientIDPrefixManager, "JP1/IM reserves it for the IDs it registers for managers"+chooseOther+
			" (only an existing "+jp1api.ClientIDPrefixIntegrated+"<host> ID may be imported, to destroy it)",
			jp1api.IsIntegrationManagerClientID),
	}
}

// NoPrefix refuses strings that begin with prefix (case-sensitive, as JP1 compares)
// unless except (when not nil) accepts them; why says who reserves the prefix and
// what to do instead.
func NoPrefix(prefix, why string, except func(string) bool) validator.String {
	return noPrefixValidator{prefix: prefix, why: why, except: except}
}

type noPrefixValidator struct {
	prefix, why string
	except      func(string) bool
}

func (v noPrefixValidator) Description(_ context.Context) string {
	return fmt.Sprintf("must not begin with %q", v.prefix)
}

func (v noPrefixValidator) MarkdownDescription(_ context.Context) string {
	return fmt.Sprintf("must not begin with `%s`", v.prefix)
}

func (v noPrefixValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if s := req.ConfigValue.ValueString(); strings.HasPrefix(s, v.prefix) && (v.except == nil || !v.except(s)) {
		resp.Diagnostics.AddAttributeError(req.Path, "Reserved prefix",
			fmt.Sprintf("%s must not begin with %q: %s.", req.Path, v.prefix, v.why))
	}
}
