package validators

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// JP1/IM client-ID rules (IM3 5.4.4, 5.4.5). The prefixes are reserved for IDs that
// JP1/IM registers itself, so the jp1_im_clients data source uses them too.
const (
	MaxClientIDLength     = 280
	ClientIDPrefixAgent   = "AGENT_"
	ClientIDPrefixManager = "MANAGER_"
)

const chooseOther = ". Choose an ID that begins with neither " + ClientIDPrefixAgent + " nor " + ClientIDPrefixManager

// ClientID returns one validator per client-ID rule, so a refused ID is told exactly
// which rule it breaks and what is allowed, at validate time, before JP1 sees it.
func ClientID() []validator.String {
	return []validator.String{
		Length(1, MaxClientIDLength),
		ASCII(0x20, ":"),
		NoPrefix(ClientIDPrefixAgent, "JP1/IM reserves it for the IDs of its agents"+chooseOther),
		NoPrefix(ClientIDPrefixManager, "JP1/IM reserves it for the IDs it registers for managers, "+
			"such as MANAGER_INTEGRATED_<host> for a lower manager"+chooseOther),
	}
}

// IsSystemClientID reports an ID that JP1/IM registered itself rather than one
// issued through the API.
func IsSystemClientID(id string) bool {
	return strings.HasPrefix(id, ClientIDPrefixAgent) || strings.HasPrefix(id, ClientIDPrefixManager)
}

// NoPrefix refuses strings that begin with prefix (case-sensitive, as JP1 compares);
// why says who reserves the prefix and what to do instead.
func NoPrefix(prefix, why string) validator.String {
	return noPrefixValidator{prefix: prefix, why: why}
}

type noPrefixValidator struct{ prefix, why string }

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
	if strings.HasPrefix(req.ConfigValue.ValueString(), v.prefix) {
		resp.Diagnostics.AddAttributeError(req.Path, "Reserved prefix",
			fmt.Sprintf("%s must not begin with %q: %s.", req.Path, v.prefix, v.why))
	}
}
