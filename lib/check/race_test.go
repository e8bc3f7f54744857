package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
	prefix := filepath.Join(t.TempDir(), "race")
	pass := Pass("5 rounds, every increment counted.")
	busy := TooBusy("correct; the speed could not be judged.")
	fail := NotYet("12 updates were lost.", "Use a mutex.")
	for _, tt := range []struct {
		name        string
		r           Result
		enabled     bool
		gorace      string
		log         string // written to prefix.42 when not empty
		stale       bool   // the log was last written an hour before the program started
		outcome     Outcome
		say         string // in Message or Advice
		detailTitle string
	}{
		{"no -race", pass, false, "log_path=" + prefix, twoReports, false, Passed, "every increment counted.", ""},
		{"no log_path", pass, true, "exitcode=0", twoReports, false, Passed, "every increment counted.", ""},
		{"log to stderr", pass, true, "log_path=stderr", twoReports, false, Passed, "every increment counted.", ""},
		{"no report", pass, true, "log_path=" + prefix + " exitcode=0", "", false, Passed, "saw no race", ""},
		{"race, counted right", pass, true, "exitcode=0 log_path=" + prefix, twoReports, false, NotPassed,
			"every increment counted. But the race detector saw a data race", "the first of the race detector's 2 reports"},
		{"race, speed undecided", busy, true, "log_path=" + prefix, twoReports[:strings.Index(twoReports, "==================\n==")+19], false, NotPassed,
			"the race detector saw a data race", "the race detector's report"},
		{"race, updates lost", fail, true, "log_path=" + prefix, twoReports, false, NotPassed,
			"12 updates were lost. The race detector saw the race too", "the first of the race detector's 2 reports"},
		{"an earlier program's log, with the same pid", pass, true, "log_path=" + prefix, twoReports, true, Passed, "saw no race", ""},
	} {
		file := prefix + ".42"
		start := time.Now()
		if tt.log != "" {
			if err := os.WriteFile(file, []byte(tt.log), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if tt.stale {
			if err := os.Chtimes(file, start.Add(-time.Hour), start.Add(-time.Hour)); err != nil {
				t.Fatal(err)
			}
		}
		got := withRaceLog(tt.r, tt.enabled, tt.gorace, 42, start)
		if got.Outcome != tt.outcome || !strings.Contains(got.Message+" "+got.Advice, tt.say) || got.Detail.Title != tt.detailTitle {
			t.Errorf("%s: got %v, %q, advice %q, detail %q; want %v, %q, detail %q",
				tt.name, got.Outcome, got.Message, got.Advice, got.Detail.Title, tt.outcome, tt.say, tt.detailTitle)
		}
		if tt.detailTitle != "" {
			if !strings.Contains(got.Detail.Text, "Read at 0x00c000094028") || strings.Contains(got.Detail.Text, "Write at") {
				t.Errorf("%s: detail %q; want the first report only", tt.name, got.Detail.Text)
			}
			if got.Outcome == NotPassed && got.Hint == "" {
				t.Errorf("%s: no hint", tt.name)
			}
		}
		if tt.detailTitle != "" || tt.stale {
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
