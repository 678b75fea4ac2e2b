package provider

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/provider/validators"
)

type providerModel struct {
	IM                 types.Object `tfsdk:"im"`
	Analytics          types.Object `tfsdk:"analytics"`
	CACertFile         types.String `tfsdk:"ca_cert_file"`
	CACertPEM          types.String `tfsdk:"ca_cert_pem"`
	InsecureSkipVerify types.Bool   `tfsdk:"insecure_skip_verify"`
	RequestTimeout     types.String `tfsdk:"request_timeout"`
	Retry              types.Object `tfsdk:"retry"`
}

type imModel struct {
	Endpoint   types.String `tfsdk:"endpoint"`
	Username   types.String `tfsdk:"username"`
	Password   types.String `tfsdk:"password"`
	AuthMethod types.String `tfsdk:"auth_method"`
}

type analyticsModel struct {
	Endpoint types.String `tfsdk:"endpoint"`
	Username types.String `tfsdk:"username"`
	Password types.String `tfsdk:"password"`
}

type retryModel struct {
	MaxAttempts types.Int64  `tfsdk:"max_attempts"`
	MinWait     types.String `tfsdk:"min_wait"`
	MaxWait     types.String `tfsdk:"max_wait"`
}

func (p *jp1Provider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	s := settings{ctx: ctx, diags: &resp.Diagnostics}

	var im imModel
	var oa analyticsModel
	var rt retryModel
	s.object(cfg.IM, path.Root("im"), &im)
	s.object(cfg.Analytics, path.Root("analytics"), &oa)
	s.object(cfg.Retry, path.Root("retry"), &rt)
	if resp.Diagnostics.HasError() {
		return
	}

	opts := jp1api.Options{
		RequestTimeout: s.duration(cfg.RequestTimeout, path.Root("request_timeout"), 30*time.Second, minRequestTimeout, maxRequestTimeout),
		MaxAttempts:    s.int64(rt.MaxAttempts, path.Root("retry").AtName("max_attempts"), 5),
		MinWait:        s.duration(rt.MinWait, path.Root("retry").AtName("min_wait"), 500*time.Millisecond, minRetryWait, maxRetryWait),
		MaxWait:        s.duration(rt.MaxWait, path.Root("retry").AtName("max_wait"), 30*time.Second, minRetryWait, maxRetryWait),
		UserAgent:      fmt.Sprintf("terraform-provider-jp1/%s (+https://registry.terraform.io/providers/jp1-terraform/jp1)", p.version),
	}
	opts.ExtraCAs, opts.InsecureSkipVerify = s.tls(cfg)
	if opts.MinWait > opts.MaxWait {
		resp.Diagnostics.AddAttributeError(path.Root("retry").AtName("min_wait"), "Invalid retry waits",
			fmt.Sprintf("retry.min_wait (%s) must not be longer than retry.max_wait (%s).", opts.MinWait, opts.MaxWait))
	}

	imPath := path.Root("im")
	imCfg := jp1api.IMConfig{
		Endpoint:   s.str(im.Endpoint, imPath.AtName("endpoint"), envIMEndpoint),
		Username:   s.str(im.Username, imPath.AtName("username"), envIMUsername),
		Password:   s.str(im.Password, imPath.AtName("password"), envIMPassword),
		AuthMethod: s.str(im.AuthMethod, imPath.AtName("auth_method"), envIMAuthMethod),
	}
	if imCfg.AuthMethod == "" {
		imCfg.AuthMethod = defaultIMAuthMethod
	}
	s.checkEnum(imCfg.AuthMethod, imPath.AtName("auth_method"), envIMAuthMethod, imAuthMethods)
	s.checkEndpoint(imCfg.Endpoint, imPath.AtName("endpoint"), envIMEndpoint)

	analyticsPath := path.Root("analytics")
	analyticsCfg := jp1api.AnalyticsConfig{
		Endpoint: s.str(oa.Endpoint, analyticsPath.AtName("endpoint"), envAnalyticsEndpoint),
		Username: s.str(oa.Username, analyticsPath.AtName("username"), envAnalyticsUsername),
		Password: s.str(oa.Password, analyticsPath.AtName("password"), envAnalyticsPassword),
	}
	s.checkEndpoint(analyticsCfg.Endpoint, analyticsPath.AtName("endpoint"), envAnalyticsEndpoint)
	if resp.Diagnostics.HasError() {
		return
	}

	// One retrying HTTP client for the whole provider process, shared by both products.
	httpClient := jp1api.NewHTTP(opts)
	data := &providerData{
		imMissing:        missingSettings(imPath, []settingRef{{"endpoint", envIMEndpoint, imCfg.Endpoint}, {"username", envIMUsername, imCfg.Username}, {"password", envIMPassword, imCfg.Password}}),
		analyticsMissing: missingSettings(analyticsPath, []settingRef{{"endpoint", envAnalyticsEndpoint, analyticsCfg.Endpoint}, {"username", envAnalyticsUsername, analyticsCfg.Username}, {"password", envAnalyticsPassword, analyticsCfg.Password}}),
	}
	if len(data.imMissing) == 0 {
		data.im = jp1api.NewIMClient(httpClient, imCfg)
		p.sessions.add(data.im)
	}
	if len(data.analyticsMissing) == 0 {
		data.analytics = jp1api.NewAnalyticsClient(httpClient, analyticsCfg)
	}
	tflog.Debug(ctx, "jp1 provider configured", map[string]any{
		"im_configured":        data.im != nil,
		"im_auth_method":       imCfg.AuthMethod,
		"analytics_configured": data.analytics != nil,
		"max_attempts":         opts.MaxAttempts,
	})
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.ListResourceData = data
}

// settings reads provider arguments with their environment fallbacks and records
// every problem on the attribute path it belongs to.
type settings struct {
	ctx   context.Context
	diags *diag.Diagnostics
}

func (s settings) object(v types.Object, p path.Path, target any) {
	if v.IsUnknown() {
		s.unknown(p)
		return
	}
	if v.IsNull() {
		return
	}
	s.diags.Append(v.As(s.ctx, target, basetypes.ObjectAsOptions{})...)
}

func (s settings) unknown(p path.Path) {
	s.diags.AddAttributeError(p, "Unknown provider argument",
		fmt.Sprintf("%s depends on a value that is not known until apply. The provider must be configured before "+
			"planning: set it to a known value, or use the matching environment variable.", p))
}

// str returns the configured value, else the environment variable's, else "".
func (s settings) str(v types.String, p path.Path, env string) string {
	if v.IsUnknown() {
		s.unknown(p)
		return ""
	}
	if !v.IsNull() {
		tflog.Debug(s.ctx, "provider argument from configuration", map[string]any{"argument": p.String()})
		return v.ValueString()
	}
	if env != "" {
		if val, ok := os.LookupEnv(env); ok && val != "" {
			tflog.Debug(s.ctx, "provider argument from environment", map[string]any{"argument": p.String(), "variable": env})
			return val
		}
	}
	return ""
}

func (s settings) int64(v types.Int64, p path.Path, def int) int {
	if v.IsUnknown() {
		s.unknown(p)
		return def
	}
	if v.IsNull() {
		return def
	}
	return int(v.ValueInt64())
}

func (s settings) duration(v types.String, p path.Path, def, minimum, maximum time.Duration) time.Duration {
	raw := s.str(v, p, "")
	if raw == "" {
		return def
	}
	d, err := validators.ParseDuration(raw, minimum, maximum)
	if err != nil {
		s.diags.AddAttributeError(p, "Invalid duration", fmt.Sprintf("%s %s.", p, err))
		return def
	}
	return d
}

func (s settings) checkEnum(value string, p path.Path, env string, allowed []string) {
	for _, a := range allowed {
		if value == a {
			return
		}
	}
	s.diags.AddAttributeError(p, "Invalid provider argument",
		fmt.Sprintf("%s (or %s) must be one of %s, got %q.", p, env, enumDoc(allowed), value))
}

func (s settings) checkEndpoint(value string, p path.Path, env string) {
	if value == "" {
		return
	}
	if err := validators.CheckEndpoint(value); err != nil {
		s.diags.AddAttributeError(p, "Invalid endpoint URL", fmt.Sprintf("%s (or %s) %s.", p, env, err))
		return
	}
	if u, err := url.Parse(value); err == nil && u.Scheme == "http" && !isLoopback(u.Hostname()) {
		tflog.Warn(s.ctx, "a JP1 endpoint uses plain http", map[string]any{"attribute": p.String()})
		s.diags.AddAttributeWarning(p, "Credentials travel in clear text",
			fmt.Sprintf("%s (or %s) is a plain http:// URL of another machine (%s): the JP1 user's password, the "+
				"Basic credentials and every secret this provider sends can be read by anyone on the network path. "+
				"Use the product's https:// endpoint.", p, env, u.Host))
	}
}

// isLoopback reports a host name that never leaves this machine.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// tls reads the CA and verification settings: the extra CAs to trust (PEM) and
// whether verification is off.
func (s settings) tls(cfg providerModel) (extraCAs []byte, insecure bool) {
	switch {
	case cfg.InsecureSkipVerify.IsUnknown():
		s.unknown(path.Root("insecure_skip_verify"))
	case !cfg.InsecureSkipVerify.IsNull():
		insecure = cfg.InsecureSkipVerify.ValueBool()
	default:
		if raw, ok := os.LookupEnv(envInsecureSkipVerify); ok && raw != "" {
			b, err := strconv.ParseBool(raw)
			if err != nil {
				s.diags.AddAttributeError(path.Root("insecure_skip_verify"), "Invalid environment variable",
					fmt.Sprintf("%s must be true or false, got %q.", envInsecureSkipVerify, raw))
			}
			insecure = b
		}
	}
	if insecure {
		tflog.Warn(s.ctx, "TLS certificate verification is disabled (insecure_skip_verify)")
		s.diags.AddAttributeWarning(path.Root("insecure_skip_verify"), "TLS verification is disabled",
			"insecure_skip_verify is true: the provider does not check the JP1 servers' certificates, so anyone on the "+
				"network path can read the credentials it sends. Trust the servers' CA with ca_cert_file or ca_cert_pem instead.")
	}

	caFile := s.str(cfg.CACertFile, path.Root("ca_cert_file"), envCACertFile)
	caPEM := s.str(cfg.CACertPEM, path.Root("ca_cert_pem"), "")
	if insecure && (caFile != "" || caPEM != "") {
		s.diags.AddAttributeWarning(path.Root("insecure_skip_verify"), "CA certificates are ignored",
			"insecure_skip_verify is true, so ca_cert_file (or "+envCACertFile+") and ca_cert_pem are ignored: no "+
				"certificate is checked. Remove insecure_skip_verify to have the certificates checked against that CA.")
	}
	switch {
	case caPEM != "":
		if err := jp1api.ValidateCAPEM([]byte(caPEM)); err != nil {
			s.diags.AddAttributeError(path.Root("ca_cert_pem"), "Invalid CA certificate", fmt.Sprintf("ca_cert_pem %s.", err))
			return nil, insecure
		}
		return []byte(caPEM), insecure
	case caFile != "":
		data, err := jp1api.ReadCAFile(caFile)
		if err != nil {
			s.diags.AddAttributeError(path.Root("ca_cert_file"), "Invalid CA certificate file",
				fmt.Sprintf("ca_cert_file (or %s) %s.", envCACertFile, err))
			return nil, insecure
		}
		return data, insecure
	}
	return nil, insecure
}

type settingRef struct {
	name, env, value string
}

// missingSettings names what a product still lacks, in words a user can act on.
func missingSettings(base path.Path, refs []settingRef) []string {
	var missing []string
	for _, r := range refs {
		if r.value == "" {
			missing = append(missing, fmt.Sprintf("%s (or %s)", base.AtName(r.name), r.env))
		}
	}
	return missing
}
