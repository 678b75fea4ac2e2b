package plugin

import (
	"os"
	"testing"
)

func TestSilenceDiscardedLogs(t *testing.T) {
	cases := []struct {
		name         string
		env          map[string]string
		wantSDK      string // "" = left unset
		wantProvider string
	}{
		{name: "no logging asked for", env: map[string]string{}, wantSDK: "OFF", wantProvider: "OFF"},
		{name: "TF_LOG=off", env: map[string]string{"TF_LOG": "off"}, wantSDK: "OFF", wantProvider: "OFF"},
		{name: "TF_LOG=TRACE keeps them", env: map[string]string{"TF_LOG": "TRACE"}},
		{name: "TF_LOG=JSON keeps them", env: map[string]string{"TF_LOG": "JSON"}},
		{name: "TF_LOG_PROVIDER alone keeps them", env: map[string]string{"TF_LOG_PROVIDER": "DEBUG"}},
		{name: "TF_LOG_PROVIDER=OFF wins over TF_LOG", env: map[string]string{"TF_LOG": "TRACE", "TF_LOG_PROVIDER": "OFF"},
			wantSDK: "OFF", wantProvider: "OFF"},
		{name: "a level the user set is kept", env: map[string]string{"TF_LOG_SDK": "DEBUG"}, wantSDK: "DEBUG", wantProvider: "OFF"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, name := range []string{"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_SDK", "TF_LOG_PROVIDER_JP1"} {
				t.Setenv(name, "") // restored after the test
				_ = os.Unsetenv(name)
			}
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			silenceDiscardedLogs()
			for name, want := range map[string]string{"TF_LOG_SDK": tc.wantSDK, "TF_LOG_PROVIDER_JP1": tc.wantProvider} {
				got, set := os.LookupEnv(name)
				if want == "" && set {
					t.Errorf("%s = %q, want it unset", name, got)
				}
				if want != "" && got != want {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
		})
	}
}
