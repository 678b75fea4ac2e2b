package fakejp1

import (
	"net/http"
	"testing"
)

func TestVersions(t *testing.T) {
	t.Parallel()
	_, c := newTestServer(t)
	var im struct {
		ProductName    string   `json:"productName"`
		ProductVersion string   `json:"productVersion"`
		APIVersion     []string `json:"apiVersion"`
	}
	c.do(http.MethodGet, "/im/api/version", "", nil).decode(t, &im)
	if im.ProductName != IMProductName || im.ProductVersion != "13-50" || len(im.APIVersion) != 1 || im.APIVersion[0] != "01.00.00" {
		t.Errorf("IM version = %+v", im)
	}
	c.do(http.MethodGet, "/Analytics/v1/configuration/version", "", nil).wantAnalyticsError(t, http.StatusUnauthorized, msgAnalyticsUnauthorized)
	var oa map[string]string
	c.do(http.MethodGet, "/Analytics/v1/configuration/version", authAnalyticsAdmin, nil).decode(t, &oa)
	if oa["productName"] != AnalyticsProductName || oa["productVersion"] != "12.10.00" || oa["apiVersion"] != "01.00.00" {
		t.Errorf("OA version = %v", oa)
	}
}
