//go:build race

package counter

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// plainRacy is the learner's racy counter as written in notebook 04: n += d from every goroutine.
type plainRacy struct{ n int64 }

func (c *plainRacy) Add(d int64)  { c.n += d }
func (c *plainRacy) Value() int64 { return c.n }

// TestCheckFailsARacyCounterOnOneCore runs Check on a racy counter in a child process with one P and
// the race detector set up as 04's check cells set it (GORACE log_path, exitcode=0, history_size=7). On
// one core the goroutines run one after another, so no update is lost: only the race detector can fail
// the counter, and with its default history it reported nothing (the counter passed).
func TestCheckFailsARacyCounterOnOneCore(t *testing.T) {
	if os.Getenv("PARLAB_ONECORE_CHILD") == "1" {
		fmt.Printf("OUTCOME %s\n", Check(&plainRacy{}).Outcome)
		os.Exit(0) // before the testing package sees the race the check provoked on purpose
	}
	if testing.Short() {
		t.Skip("runs the check in a child process")
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCheckFailsARacyCounterOnOneCore$", "-test.count=1")
	cmd.Env = append(os.Environ(), "PARLAB_ONECORE_CHILD=1", "GOMAXPROCS=1",
		"GORACE=log_path="+filepath.Join(dir, "race")+" exitcode=0 history_size=7 atexit_sleep_ms=0")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "OUTCOME not yet") {
		t.Errorf("Check(racy counter) with one P: %v\n%s\nwant the outcome \"not yet\"", err, out)
	}
}
