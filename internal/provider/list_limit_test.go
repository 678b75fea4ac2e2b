package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/list"
)

// A list stops producing once the list block's limit is reached (Terraform
// asks for 100 unless told otherwise), and produces everything with none.
func TestListLimited(t *testing.T) {
	for _, tc := range []struct {
		limit    int64
		consumer int // results the consumer takes before stopping; 0 = all
		want     int
	}{
		{limit: 0, want: 7}, {limit: 3, want: 3}, {limit: 7, want: 7}, {limit: 100, want: 7},
		{limit: 5, consumer: 2, want: 2},
	} {
		got := 0
		push := limited(tc.limit, func(list.ListResult) bool {
			got++
			return tc.consumer == 0 || got < tc.consumer
		})
		for range 7 {
			if !push(list.ListResult{}) {
				break
			}
		}
		if got != tc.want {
			t.Errorf("limit %d, consumer stopping after %d: %d results pushed, want %d", tc.limit, tc.consumer, got, tc.want)
		}
	}
}
