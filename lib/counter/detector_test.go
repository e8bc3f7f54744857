package counter

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const twoReports = `==================
WARNING: DATA RACE
Read at 0x00c000094028 by goroutine 9:
  main.main.func1()
      /tmp/rtest/main.go:16 +0x37
==================
==================
WARNING: DATA RACE
Write at 0x00c000094028 by goroutine 8:
  main.main.func1()
      /tmp/rtest/main.go:16 +0x49
==================
Found 2 data race(s)
`

func TestWithRaceDetector(t *testing.T) {
	dir := t.TempDir()
	prefix := filepath.Join(dir, "race")
	pass := Verdict{Pass: true, Rounds: 5, Message: "pass: …"}
	fail := Verdict{Pass: false, Rounds: 5, Message: "not yet: 12 updates were lost."}
	for _, tt := range []struct {
		name     string
		v        Verdict
		enabled  bool
		gorace   string
		log      string // written to prefix.pid when not empty
		wantPass bool
		wantMsg  string
		wantOut  string
	}{
		{"no -race", pass, false, "log_path=" + prefix, twoReports, true, "pass: …", ""},
		{"no log_path", pass, true, "exitcode=0", twoReports, true, "pass: …", ""},
		{"no report", pass, true, "log_path=" + prefix + " exitcode=0", "", true, "the race detector watched every access and saw no race", ""},
		{"race, counted right", pass, true, "exitcode=0 log_path=" + prefix, twoReports, false, "the race detector saw a data race", "Read at 0x00c000094028"},
		{"race, updates lost", fail, true, "log_path=" + prefix, twoReports, false, "12 updates were lost. The race detector saw the race too", "(the detector wrote 2 reports; this is the first)"},
	} {
		file := prefix + ".42"
		if tt.log != "" {
			if err := os.WriteFile(file, []byte(tt.log), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		var out strings.Builder
		got := withRaceLog(tt.v, tt.enabled, tt.gorace, 42, &out)
		if got.Pass != tt.wantPass || !strings.Contains(got.Message, tt.wantMsg) {
			t.Errorf("%s: got %v, %q; want %v and a message containing %q", tt.name, got.Pass, got.Message, tt.wantPass, tt.wantMsg)
		}
		if !strings.Contains(out.String(), tt.wantOut) || (tt.wantOut == "") != (out.Len() == 0) {
			t.Errorf("%s: printed %q; want it to contain %q", tt.name, out.String(), tt.wantOut)
		}
		if strings.Contains(out.String(), "Write at") {
			t.Errorf("%s: printed the second report too:\n%s", tt.name, out.String())
		}
		if tt.wantOut != "" {
			if _, err := os.Stat(file); err == nil {
				t.Errorf("%s: the log file is still there", tt.name)
			}
		}
		os.Remove(file)
	}
}

func TestRaceReports(t *testing.T) {
	got := raceReports(twoReports)
	if len(got) != 2 || !strings.HasPrefix(got[0], "==================\nWARNING: DATA RACE\nRead at") ||
		!strings.HasSuffix(got[0], "+0x37\n==================\n") || !strings.Contains(got[1], "Write at") {
		t.Errorf("raceReports = %q; want the two reports, each between its lines of '='", got)
	}
	if got := raceReports("Found 0 data race(s)\n"); len(got) != 0 {
		t.Errorf("raceReports of no report = %q", got)
	}
}
