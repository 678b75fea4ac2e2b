package plugin

import (
	"os"
	"strings"
)

// Terraform (and OpenTofu) keep a provider's log lines only when TF_LOG_PROVIDER,
// or else TF_LOG, names a level other than OFF; otherwise they read every line the
// plugin writes to stderr and throw it away. terraform-plugin-go logs at TRACE unless
// told otherwise, so a provider serving 900 resources would spend a quarter of its
// CPU, and Terraform a good part of its own, formatting and parsing JSON lines that
// nobody keeps. These are the variables that turn the plugin's loggers off.
var quietLogVariables = []string{
	"TF_LOG_SDK",          // terraform-plugin-go and, through it, the framework subsystems
	"TF_LOG_PROVIDER_JP1", // this provider's own tflog lines
}

// silenceDiscardedLogs turns the plugin's loggers off when Terraform would
// discard their output anyway. A variable the user set is left alone. Serve
// calls it before serving, except under -debug, where the log lines go to the
// developer's terminal.
func silenceDiscardedLogs() {
	if terraformKeepsProviderLogs() {
		return
	}
	for _, name := range quietLogVariables {
		if _, set := os.LookupEnv(name); !set {
			_ = os.Setenv(name, "OFF")
		}
	}
}

// terraformKeepsProviderLogs mirrors Terraform's own rule (internal/logging): the
// provider level is TF_LOG_PROVIDER, falling back to TF_LOG; empty or OFF is off,
// and anything else (a level, JSON, or an invalid word, which Terraform reads as
// TRACE) keeps them.
func terraformKeepsProviderLogs() bool {
	level := os.Getenv("TF_LOG_PROVIDER")
	if level == "" {
		level = os.Getenv("TF_LOG")
	}
	level = strings.ToUpper(strings.TrimSpace(level))
	return level != "" && level != "OFF"
}
