package check

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// RaceLog is the file prefix a self-check cell gives the race detector, so that
// [Result.WithRaceDetector] can read its reports. In GoNB:
//
//	%goflags -race
//	%env GORACE "log_path=/tmp/parlab-race exitcode=0 history_size=7"
//
// The detector then writes its reports to /tmp/parlab-race.<pid> instead of standard error,
// exitcode=0 keeps a detected race from making the cell's program fail, and history_size=7 (the
// largest) lets it remember enough of each goroutine's past accesses to report a race whose two sides
// ran far apart: on one core the goroutines run one after another, and with the default history the
// detector could not restore the first goroutine's access and said nothing (a racy counter passed
// counter.Check under taskset -c 0; with history_size=7 it fails, as it must).
const RaceLog = "/tmp/parlab-race"

// RaceDetector reports whether this program was built with the race detector (-race).
func RaceDetector() bool { return raceEnabled }

// WithRaceDetector adds the race detector's findings to a Result, for checks that run shared-memory
// code. When the program was built with -race and GORACE's log_path option names a file prefix (see
// [RaceLog]), it reads the reports the detector has written so far (from <prefix>.<pid>) and removes
// the file. A report turns a pass (or an undecided speed) into NotPassed — a race can lose updates in
// another run even when none were lost in this one — with the first report as the Detail; a check that
// had already failed says the detector saw the race too. With no report, a pass gets advice saying the
// detector watched and saw no race. Without -race or without log_path it returns r unchanged.
//
// A log file last written before this program started is a leftover of an earlier program that had the
// same process id: it is removed unread.
func (r Result) WithRaceDetector() Result {
	return withRaceLog(r, raceEnabled, os.Getenv("GORACE"), os.Getpid(), programStart)
}

// programStart is when this package was initialised: about when the program started.
var programStart = time.Now()

// staleMargin is how much older than the program a log file must be to count as an earlier program's:
// file times come from a coarse clock that can lag time.Now by a few milliseconds, and a process id
// comes back only after the system has handed out all the others.
const staleMargin = 2 * time.Second

// withRaceLog is WithRaceDetector for a program with process id pid, started at start.
func withRaceLog(r Result, enabled bool, gorace string, pid int, start time.Time) Result {
	prefix := ""
	for _, opt := range strings.Fields(gorace) {
		if p, ok := strings.CutPrefix(opt, "log_path="); ok {
			prefix = p
		}
	}
	if !enabled || prefix == "" || prefix == "stdout" || prefix == "stderr" {
		return r
	}
	file := prefix + "." + strconv.Itoa(pid)
	var reports []string
	if fi, err := os.Stat(file); err == nil && fi.ModTime().Before(start.Add(-staleMargin)) {
		os.Remove(file) // an earlier program's, with the same process id
	} else if b, err := os.ReadFile(file); err == nil { // no file: the detector has reported nothing
		os.Remove(file) // the detector keeps writing to the open file; later reports are lost, which is fine here
		reports = raceReports(string(b))
	}
	if len(reports) == 0 {
		if r.Outcome == Passed {
			r = r.WithAdvice("The race detector watched every memory access and saw no race.")
		}
		return r
	}
	title := "the race detector's report"
	if len(reports) > 1 {
		title = fmt.Sprintf("the first of the race detector's %d reports", len(reports))
	}
	if r.Outcome == NotPassed {
		r.Message = join(r.Message, "The race detector saw the race too: its report is below.")
	} else {
		r = NotYet(r.Message+" But the race detector saw a data race (its report is below): two goroutines used the same "+
			"variable, at least one writing, with nothing ordering them — another run can lose updates.",
			"The report names the lines ([[ Cell … Line … ]]): protect that variable with a sync.Mutex, make it an "+
				"atomic, or let one goroutine own it.")
	}
	return r.WithDetail(title, reports[0])
}

// raceReports splits the detector's output into its reports, each between two lines of '='.
func raceReports(log string) []string {
	const sep = "==================\n"
	var reports []string
	for {
		start := strings.Index(log, sep+"WARNING: DATA RACE")
		if start < 0 {
			return reports
		}
		rest := log[start+len(sep):]
		end := strings.Index(rest, sep)
		if end < 0 {
			return append(reports, log[start:]+"\n")
		}
		reports = append(reports, log[start:start+len(sep)+end+len(sep)])
		log = rest[end+len(sep):]
	}
}
