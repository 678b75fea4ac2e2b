package provider

// Environment variables that stand in for provider arguments (fixed names: users' CI relies on them).
const (
	envIMEndpoint         = "JP1_IM_ENDPOINT"
	envIMUsername         = "JP1_IM_USERNAME"
	envIMPassword         = "JP1_IM_PASSWORD"
	envIMAuthMethod       = "JP1_IM_AUTH_METHOD"
	envAnalyticsEndpoint  = "JP1_ANALYTICS_ENDPOINT"
	envAnalyticsUsername  = "JP1_ANALYTICS_USERNAME"
	envAnalyticsPassword  = "JP1_ANALYTICS_PASSWORD"
	envCACertFile         = "JP1_CA_CERT_FILE"
	envInsecureSkipVerify = "JP1_INSECURE_SKIP_VERIFY"
)
