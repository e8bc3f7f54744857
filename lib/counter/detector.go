package counter

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
)

// RaceLog is the file prefix a self-check cell gives the race detector, so that
// [Verdict.WithRaceDetector] can read its reports. In GoNB:
//
//	%goflags -race
//	%env GORACE "log_path=/tmp/parlab-race exitcode=0"
//
// The detector then writes its reports to /tmp/parlab-race.<pid> instead of standard error, and
// exitcode=0 keeps a detected race from making the cell's program fail.
const RaceLog = "/tmp/parlab-race"

// WithRaceDetector adds the race detector's findings to a self-check. When this program was built with
// -race and GORACE's log_path option names a file prefix (see [RaceLog]), it reads the reports the
// detector has written so far (from <prefix>.<pid>), removes the file, prints the first report to
// standard error — with the number of others — and, if there was one, turns v into a failure that says
// so with a hint, even when every increment was counted; a pass with no report says the detector saw no
// race. Without -race or without log_path it returns v unchanged.
func (v Verdict) WithRaceDetector() Verdict {
	return withRaceLog(v, raceEnabled, os.Getenv("GORACE"), os.Getpid(), os.Stderr)
}

func withRaceLog(v Verdict, enabled bool, gorace string, pid int, w io.Writer) Verdict {
	prefix := ""
	for _, opt := range strings.Fields(gorace) {
		if p, ok := strings.CutPrefix(opt, "log_path="); ok {
			prefix = p
		}
	}
	if !enabled || prefix == "" || prefix == "stdout" || prefix == "stderr" {
		return v
	}
	file := prefix + "." + strconv.Itoa(pid)
	var reports []string
	if b, err := os.ReadFile(file); err == nil { // no file: the detector has reported nothing
		os.Remove(file) // the detector keeps writing to the open file; later reports are lost, which is fine here
		reports = raceReports(string(b))
	}
	if len(reports) == 0 {
		if v.Pass {
			v.Message = fmt.Sprintf("pass: %d rounds of %d goroutines × %d increments, every one counted "+
				"(GOMAXPROCS=%d), and the race detector watched every access and saw no race.",
				v.Rounds, v.Goroutines, v.Each, runtime.GOMAXPROCS(0))
		}
		return v
	}
	fmt.Fprint(w, reports[0])
	if len(reports) > 1 {
		fmt.Fprintf(w, "(the detector wrote %d reports; this is the first)\n", len(reports))
	}
	if v.Pass {
		v.Pass = false
		v.Message = fmt.Sprintf("not yet: every increment was counted this time (%d rounds), but the race detector saw a "+
			"data race — its report is above: two goroutines used the same variable, at least one writing, with nothing "+
			"ordering them, so another run can lose updates. The report names the lines ([[ Cell … Line … ]]): protect that "+
			"variable with a sync.Mutex, make it an atomic.Int64, or let one goroutine own it.", v.Rounds)
	} else {
		v.Message += " The race detector saw the race too: its report is above."
	}
	return v
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
