// Package provider implements the jp1 Terraform provider on terraform-plugin-framework.
// It knows nothing of HTTP: every call to JP1 goes through internal/jp1api.
package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/provider/validators"
)

var (
	_ provider.Provider                  = (*jp1Provider)(nil)
	_ provider.ProviderWithListResources = (*jp1Provider)(nil)
)

// Bounds of the provider's tuning arguments; shared by the schema validators and the env-var checks.
const (
	minRequestTimeout = time.Second
	maxRequestTimeout = 10 * time.Minute
	minRetryWait      = time.Millisecond
	maxRetryWait      = 10 * time.Minute
	maxRetryAttempts  = 20
)

type jp1Provider struct {
	version  string
	sessions imSessions
}

// New returns the provider factory; tests use New("test").
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &jp1Provider{version: version} }
}

func (p *jp1Provider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "jp1"
	resp.Version = p.version
}

func (p *jp1Provider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages Hitachi JP1 credentials as code: IM client secrets and proxy-server users on " +
			"JP1/Integrated Management 3 - Manager, and authentication information on JP1/Operations Analytics. " +
			"Configure only the product your resources use.",
		Attributes: map[string]schema.Attribute{
			"im": schema.SingleNestedAttribute{
				Optional: true,
				MarkdownDescription: "Connection to JP1/Integrated Management 3 - Manager (needed by `jp1_im_client`, " +
					"`jp1_proxy_user` and their data sources).",
				Attributes: map[string]schema.Attribute{
					"endpoint": schema.StringAttribute{
						Optional: true,
						MarkdownDescription: "Base URL of the manager's REST API, for example `https://immhost01:20703` " +
							"(the scheme is never guessed). Falls back to `" + envIMEndpoint + "`.",
						Validators: []validator.String{validators.EndpointURL()},
					},
					"username": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "JP1 user name. Falls back to `" + envIMUsername + "`.",
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					"password": schema.StringAttribute{
						Optional:            true,
						Sensitive:           true,
						MarkdownDescription: "Password of the JP1 user. Falls back to `" + envIMPassword + "`.",
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					"auth_method": schema.StringAttribute{
						Optional: true,
						MarkdownDescription: "How to authenticate: " + enumDoc(imAuthMethods) + ". `login` (default) logs in once " +
							"per run and sends a Bearer token; `basic` sends the user and password with every request and needs " +
							"`jp1.imdd.authBasic=true` on the manager. Falls back to `" + envIMAuthMethod + "`.",
						Validators: []validator.String{stringvalidator.OneOf(imAuthMethods...)},
					},
				},
			},
			"analytics": schema.SingleNestedAttribute{
				Optional: true,
				MarkdownDescription: "Connection to JP1/Operations Analytics (needed by `jp1_analytics_credential` and " +
					"its data sources). The user needs the Admin permission.",
				Attributes: map[string]schema.Attribute{
					"endpoint": schema.StringAttribute{
						Optional: true,
						MarkdownDescription: "Base URL of Operations Analytics, for example `https://oahost:22016`. " +
							"Falls back to `" + envAnalyticsEndpoint + "`.",
						Validators: []validator.String{validators.EndpointURL()},
					},
					"username": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "Operations Analytics user name. Falls back to `" + envAnalyticsUsername + "`.",
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					"password": schema.StringAttribute{
						Optional:            true,
						Sensitive:           true,
						MarkdownDescription: "Password of that user. Falls back to `" + envAnalyticsPassword + "`.",
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
				},
			},
			"ca_cert_file": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Path of a PEM file of CA certificates to trust for HTTPS endpoints, in addition to the " +
					"system's. Falls back to `" + envCACertFile + "`.",
				Validators: []validator.String{
					validators.CACertFile(),
					stringvalidator.ConflictsWith(path.MatchRoot("ca_cert_pem")),
				},
			},
			"ca_cert_pem": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "PEM text of CA certificates to trust for HTTPS endpoints, in addition to the system's.",
				Validators:          []validator.String{validators.CACertPEM()},
			},
			"insecure_skip_verify": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Skip TLS certificate verification. Only for trials: anyone on the path can read the " +
					"credentials. Defaults to `false`. Falls back to `" + envInsecureSkipVerify + "`.",
			},
			"request_timeout": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Time limit of one HTTP attempt, as a duration such as `\"30s\"`. Defaults to `\"30s\"`; " +
					"between 1s and 10m.",
				Validators: []validator.String{validators.Duration(minRequestTimeout, maxRequestTimeout)},
			},
			"retry": schema.SingleNestedAttribute{
				Optional: true,
				MarkdownDescription: "How transient failures (connection errors, HTTP 412/429/502/503/504, JP1 database " +
					"errors, the proxyUsers lock) are retried. Waits grow exponentially with jitter and honour `Retry-After`.",
				Attributes: map[string]schema.Attribute{
					"max_attempts": schema.Int64Attribute{
						Optional:            true,
						MarkdownDescription: "Attempts per request, the first included. Defaults to `5`; between 1 and 20.",
						Validators:          []validator.Int64{int64validator.Between(1, maxRetryAttempts)},
					},
					"min_wait": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "Shortest wait between attempts, such as `\"500ms\"`. Defaults to `\"500ms\"`.",
						Validators:          []validator.String{validators.Duration(minRetryWait, maxRetryWait)},
					},
					"max_wait": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "Longest wait between attempts, such as `\"30s\"`. Defaults to `\"30s\"`.",
						Validators:          []validator.String{validators.Duration(minRetryWait, maxRetryWait)},
					},
				},
			},
		},
	}
}

func (p *jp1Provider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewAnalyticsCredentialResource,
		NewIMClientResource,
		NewIMLowerManagerResource,
		NewProxyUserResource,
	}
}

// ListResources are the list blocks of `terraform query` (Terraform >= 1.14),
// one per resource, under the resource's type name.
func (p *jp1Provider) ListResources(_ context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		NewAnalyticsCredentialListResource,
		NewIMClientListResource,
		NewIMLowerManagerListResource,
		NewProxyUserListResource,
	}
}

func (p *jp1Provider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewAnalyticsCredentialDataSource,
		NewAnalyticsCredentialsDataSource,
		NewIMClientsDataSource,
		NewIMLowerManagersDataSource,
		NewProxyUsersDataSource,
	}
}
