package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestHub reads a class hub's status file (the format kernel-setup/hubstatus writes) and checks the
// warning: other learners running code make the machine busy even while the load average is low.
func TestHub(t *testing.T) {
	now := time.Date(2026, 11, 27, 14, 0, 0, 0, time.UTC)
	dir := t.TempDir()
	file := func(age time.Duration, busy int) string {
		p := filepath.Join(dir, fmt.Sprintf("status-%v-%d.json", age, busy))
		s := fmt.Sprintf(`{"time":%q,"interval_seconds":1,"learners":3,"busy_learners":%d,"kernels":3,"busy_kernels":%d,"unreachable":0,"recent_busy_learners":3,"recent_seconds":10}`,
			now.Add(-age).Format(time.RFC3339Nano), busy, busy)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tt := range []struct {
		name, path string
		want       *Hub
	}{
		{"no hub", "", nil},
		{"missing file", filepath.Join(dir, "nope.json"), nil},
		{"fresh", file(time.Second, 2), &Hub{Learners: 3, BusyLearners: 2, RecentBusyLearners: 3}},
		{"stale", file(11*time.Second, 2), nil},
		{"from the future", file(-11*time.Second, 2), nil},
	} {
		got := readHub(tt.path, now)
		if (got == nil) != (tt.want == nil) || got != nil && *got != *tt.want {
			t.Errorf("%s: readHub = %+v; want %+v", tt.name, got, tt.want)
		}
	}
	quietLoad := []float64{0.3, 0.2, 0.1}
	for _, tt := range []struct {
		name string
		hub  *Hub
		want string // "" for no warning
	}{
		{"alone on the hub", &Hub{Learners: 3, BusyLearners: 1}, ""},
		{"one other", &Hub{Learners: 3, BusyLearners: 2}, "1 other learner on this class hub was running code"},
		{"two others", &Hub{Learners: 3, BusyLearners: 3}, "2 other learners on this class hub were running code"},
		{"alone now, two others a moment ago", &Hub{Learners: 3, BusyLearners: 1, RecentBusyLearners: 3}, "2 other learners on this class hub were running code"},
		{"no hub", nil, ""},
	} {
		w := Env{NumCPU: 4, LoadBefore: quietLoad, Hub: tt.hub}.Busy()
		if tt.want == "" && w != "" || tt.want != "" && (!strings.Contains(w, tt.want) || !strings.HasPrefix(w, "The machine was busy")) {
			t.Errorf("%s, load 0.3 on 4 CPUs: %q; want %q", tt.name, w, tt.want)
		}
	}
}
