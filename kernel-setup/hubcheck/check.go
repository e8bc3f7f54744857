package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// A check is one run of hubcheck: its settings, what it started and what it found.
type check struct {
	root, notebook string // notebook: relative to root, with slashes
	teacher        []byte // the notebook as committed
	n              int
	cellTimeout    time.Duration
	quick          bool
	dir            string // temporary: the hub's state and the learners' homes
	out            string // build/hubcheck: the hub's log and the learners' saved notebooks, kept

	h        *hub
	learners []*learner
	fails    []string
	numbers  []string // measured, printed at the end
	notes    []string
}

func (c *check) fail(format string, a ...any) { c.fails = append(c.fails, fmt.Sprintf(format, a...)) }

// step runs f, prints one line with how long it took, and records its error; ok is false on error.
func (c *check) step(name string, f func() error) (ok bool) {
	t := time.Now()
	err := f()
	status := "ok  "
	if err != nil {
		status = "FAIL"
		c.fail("%s: %v", name, err)
	}
	fmt.Printf("%s %-58s %6.1f s\n", status, name, time.Since(t).Seconds())
	if err != nil {
		fmt.Printf("       %v\n", strings.ReplaceAll(err.Error(), "\n", "\n       "))
	}
	return err == nil
}

// each runs f for every learner at once and returns the errors joined, each prefixed by the learner.
func (c *check) each(f func(l *learner) error) error {
	errs := make([]error, len(c.learners))
	var wg sync.WaitGroup
	for i, l := range c.learners {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(l); err != nil {
				errs[i] = fmt.Errorf("%s: %w", l.name, err)
			}
		}()
	}
	wg.Wait()
	var msgs []string
	for _, err := range errs {
		if err != nil {
			msgs = append(msgs, err.Error())
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	return fmt.Errorf("%s", strings.Join(msgs, "\n"))
}

// run does every step; a step that fails skips those that need it. Whatever happens, everything started is
// stopped before it returns.
func (c *check) run(ctx context.Context) {
	fmt.Printf("hubcheck: the class hub on 127.0.0.1 in test mode; %d learners run %s in their own kernels at once (quick=%v)\n",
		c.n, c.notebook, c.quick)
	defer c.stopAll()
	load0 := loadAverage()
	if !c.step("start the hub (kernel-setup/hub.sh --test)", func() error {
		t := time.Now()
		sctx, cancel := context.WithTimeout(ctx, 90*time.Second)
		defer cancel()
		var err error
		c.h, err = startHub(sctx, c.root, c.dir, c.quick)
		c.numbers = append(c.numbers, fmt.Sprintf("hub start, until its REST API answered through the proxy: %.1f s", time.Since(t).Seconds()))
		return err
	}) {
		return
	}
	for i := 1; i <= c.n; i++ {
		c.learners = append(c.learners, &learner{name: fmt.Sprintf("learner%d", i)})
	}
	if !c.step(fmt.Sprintf("create %d learners through the REST API", c.n), c.createLearners(ctx)) ||
		!c.step("start their servers (first login: copies of the course)", c.startServers(ctx)) ||
		!c.step("each has their own copy of "+c.notebook, c.ownCopies(ctx)) ||
		!c.step("start a parlab kernel for each, through the proxy", c.startKernels(ctx)) {
		return
	}
	cells, err := codeCells(c.learners[0].nb)
	if err != nil {
		c.fail("%s: %v", c.notebook, err)
		return
	}
	servers := map[string]int{}
	for _, l := range c.learners {
		servers[l.name] = l.pid
	}
	w := watch(c.h.status, servers, 250*time.Millisecond)
	t := time.Now()
	ran := c.step(fmt.Sprintf("run its %d code cells in every kernel at once, cell by cell", len(cells)), c.lockstep(ctx, cells))
	took := time.Since(t)
	probe := codeCell{index: -1, source: probeSource}
	ranProbe := ran && c.step("a cell in each kernel reads its environment", func() error {
		return c.each(func(l *learner) error { return l.run(ctx, c.h, probe, c.cellTimeout) })
	})
	w.stop()
	if ctx.Err() != nil {
		return // interrupted or out of time: nothing more to learn
	}
	c.measured(w, took, len(cells), load0)
	c.atRest(servers)
	if ran {
		c.step("every cell ran without an error, in every kernel", c.outputsClean(cells))
		c.step("each learner measured in their own kernel and home", c.ownResults(cells))
	}
	if ranProbe {
		c.step("the hub counted the learners running code at once", c.hubCounted(w))
		c.step("the busy warning where the machine was shared", c.busyWarned(cells, w))
		c.step("each saves their notebook; the copies stay separate", c.separate(ctx, probe))
	}
	c.step("a learner's token opens no other learner's server", c.noCrossAccess(ctx))
	if ranProbe {
		c.step("a restarted server keeps the learner's edits", c.restartKeeps(ctx))
	}
}

func (c *check) createLearners(ctx context.Context) func() error {
	return func() error {
		var names []string
		for _, l := range c.learners {
			names = append(names, l.name)
		}
		return c.h.want(ctx, http.MethodPost, "/hub/api/users", c.h.token, map[string]any{"usernames": names}, nil, http.StatusCreated)
	}
}

func (c *check) startServers(ctx context.Context) func() error {
	return func() error {
		err := c.each(func(l *learner) error {
			t := time.Now()
			pid, err := c.h.startServer(ctx, l.name)
			l.pid, l.started = pid, time.Since(t)
			if err != nil {
				return err
			}
			if pid == 0 {
				return fmt.Errorf("the hub reports no process id for the server")
			}
			l.token, err = c.h.userToken(ctx, l.name)
			return err
		})
		var times []string
		for _, l := range c.learners {
			times = append(times, fmt.Sprintf("%.1f s", l.started.Seconds()))
		}
		c.numbers = append(c.numbers, fmt.Sprintf("%d servers started at once (first login, copying the course and the Go build cache seed): %s",
			c.n, strings.Join(times, ", ")))
		return err
	}
}

// ownCopies checks that every learner's server shows the notebook as the teacher wrote it, from a file of
// their own in their own home.
func (c *check) ownCopies(ctx context.Context) func() error {
	return func() error {
		var want map[string]any
		if err := json.Unmarshal(c.teacher, &want); err != nil {
			return fmt.Errorf("the teacher's %s: %v", c.notebook, err)
		}
		wantCells, err := codeCells(want)
		if err != nil {
			return err
		}
		teacherFile, err := os.Stat(filepath.Join(c.root, filepath.FromSlash(c.notebook)))
		if err != nil {
			return err
		}
		return c.each(func(l *learner) error {
			if err := l.open(ctx, c.h, c.notebook); err != nil {
				return err
			}
			got, err := codeCells(l.nb)
			if err != nil {
				return err
			}
			if len(got) != len(wantCells) {
				return fmt.Errorf("their copy has %d code cells, the teacher's %d", len(got), len(wantCells))
			}
			for i := range got {
				if got[i].source != wantCells[i].source {
					return fmt.Errorf("code cell %d of their copy differs from the teacher's", got[i].index+1)
				}
			}
			file := filepath.Join(c.h.homes, l.name, "parlab", filepath.FromSlash(c.notebook))
			fi, err := os.Lstat(file)
			if err != nil {
				return err
			}
			if !fi.Mode().IsRegular() || os.SameFile(fi, teacherFile) {
				return fmt.Errorf("%s is not a file of their own (mode %v)", file, fi.Mode())
			}
			return nil
		})
	}
}

// lockstep runs every code cell in every learner's kernel at the same time, waiting for all before the
// next cell, so every cell overlaps across learners.
func (c *check) lockstep(ctx context.Context, cells []codeCell) func() error {
	return func() error {
		for _, cell := range cells {
			if err := c.each(func(l *learner) error { return l.run(ctx, c.h, cell, c.cellTimeout) }); err != nil {
				return fmt.Errorf("cell %d (%q): %w", cell.index+1, cell.firstLine(), err)
			}
		}
		return nil
	}
}

// probeSource is the cell each kernel runs after the notebook: the environment its programs get.
const probeSource = `import (
    "fmt"
    "os"
)

%%
status, err := os.ReadFile(os.Getenv("PARLAB_HUB_STATUS"))
fmt.Printf("hubcheck HOME=%s\nhubcheck USER=%s\nhubcheck STATUS_ERR=%v\nhubcheck STATUS=%s\n",
    os.Getenv("HOME"), os.Getenv("JUPYTERHUB_USER"), err, status)
`

// probed returns the key=value lines the probe cell printed.
func probed(r result) map[string]string {
	kv := map[string]string{}
	for _, t := range outputTexts(r.Outputs) {
		for _, line := range strings.Split(t, "\n") {
			if rest, ok := strings.CutPrefix(line, "hubcheck "); ok {
				k, v, _ := strings.Cut(rest, "=")
				kv[k] = strings.TrimSpace(v)
			}
		}
	}
	return kv
}

func (c *check) outputsClean(cells []codeCell) func() error {
	return func() error {
		var msgs []string
		for _, l := range c.learners {
			for _, cell := range cells {
				if p := problem(cell, l.results[cell.index]); p != "" {
					msgs = append(msgs, fmt.Sprintf("%s: cell %d (%q): %s", l.name, cell.index+1, cell.firstLine(), p))
				}
			}
		}
		if len(msgs) > 0 {
			return fmt.Errorf("%s", strings.Join(msgs, "\n"))
		}
		return nil
	}
}

// ownResults checks that each kernel ran as its learner (HOME, JUPYTERHUB_USER) and, when the notebook
// measures with lib/nb's Measure, that each learner's own cache holds the result their kernel measured —
// nobody's result came from another's.
func (c *check) ownResults(cells []codeCell) func() error {
	return func() error {
		measures := false
		for _, cell := range cells {
			measures = measures || strings.Contains(cell.source, "nb.Measure(")
		}
		return c.each(func(l *learner) error {
			p := probed(l.results[-1])
			home := filepath.Join(c.h.homes, l.name)
			if p["HOME"] != home || p["USER"] != l.name {
				return fmt.Errorf("their cells ran with HOME=%q and JUPYTERHUB_USER=%q, want %q and %q", p["HOME"], p["USER"], home, l.name)
			}
			if !measures {
				return nil
			}
			got, _ := filepath.Glob(filepath.Join(home, ".cache", "parlab", "sweeps", "*.json"))
			if len(got) == 0 {
				return fmt.Errorf("no measurement in their cache (%s): did their kernel measure at all?", filepath.Join(home, ".cache", "parlab", "sweeps"))
			}
			return nil
		})
	}
}

// hubCounted checks the hand-off: the status file saw every learner busy at once, and every kernel's
// programs can read it through PARLAB_HUB_STATUS.
func (c *check) hubCounted(w *watcher) func() error {
	return func() error {
		w.mu.Lock()
		maxBusy, maxRecent, seen, samples, lastErr := w.maxBusy, w.maxRecent, w.statusSeen, w.samples, w.statusError
		w.mu.Unlock()
		if seen == 0 {
			return fmt.Errorf("the status file %s was never readable (%s)", c.h.status, lastErr)
		}
		// Every learner ran every cell at the same moment: the hub must have seen at least two busy at one
		// poll, and all of them within its recent window (a poll can fall between two short cells).
		if maxBusy < 2 || maxRecent < c.n {
			return fmt.Errorf("the hub's status file showed at most %d learners running code at once and %d recently, want at least 2 and %d (%d samples)",
				maxBusy, maxRecent, c.n, samples)
		}
		return c.each(func(l *learner) error {
			p := probed(l.results[-1])
			var st hubStatus
			if p["STATUS_ERR"] != "<nil>" {
				return fmt.Errorf("their cell could not read PARLAB_HUB_STATUS: %s", p["STATUS_ERR"])
			}
			if err := json.Unmarshal([]byte(p["STATUS"]), &st); err != nil {
				return fmt.Errorf("their cell read %q from PARLAB_HUB_STATUS: %v", p["STATUS"], err)
			}
			if st.Learners != c.n {
				return fmt.Errorf("their cell read %d learners from PARLAB_HUB_STATUS, want %d", st.Learners, c.n)
			}
			return nil
		})
	}
}

// busyWarned checks the warning lib/ gives on a shared machine. Once lib/ reads the hub's status file
// (it names PARLAB_HUB_STATUS), every learner's run must carry it: the others were running code. Until
// then the warning rests on the load average alone, which on a big machine rightly stays quiet for three
// learners: the check then only reports what it saw.
func (c *check) busyWarned(cells []codeCell, w *watcher) func() error {
	return func() error {
		warned := 0
		var missing []string
		for _, l := range c.learners {
			found := false
			for _, cell := range cells {
				found = found || mentions(l.results[cell.index].Outputs, busyWarning)
			}
			if found {
				warned++
			} else {
				missing = append(missing, l.name)
			}
		}
		if libReadsHubStatus(c.root) {
			if len(missing) > 0 {
				return fmt.Errorf("lib/ reads PARLAB_HUB_STATUS, yet no %q warning in the outputs of %s", busyWarning, strings.Join(missing, ", "))
			}
			return nil
		}
		w.mu.Lock()
		maxLoad := w.maxLoad
		w.mu.Unlock()
		c.notes = append(c.notes, fmt.Sprintf("lib/ does not read PARLAB_HUB_STATUS yet, so the busy warning rests on the load average alone "+
			"(at most %.2f on %d CPUs during the run): it appeared for %d of %d learners", maxLoad, runtime.NumCPU(), warned, c.n))
		return nil
	}
}

// libReadsHubStatus reports whether a non-test Go file under lib/ names PARLAB_HUB_STATUS.
func libReadsHubStatus(root string) bool {
	found := false
	filepath.WalkDir(filepath.Join(root, "lib"), func(p string, d os.DirEntry, err error) error {
		if err != nil || found || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		b, _ := os.ReadFile(p)
		found = bytes.Contains(b, []byte("PARLAB_HUB_STATUS"))
		return nil
	})
	return found
}

// separate has each learner save their notebook with its outputs and the probe cell, then checks on disk
// that each file holds its own learner's run and nobody else's.
func (c *check) separate(ctx context.Context, probe codeCell) func() error {
	return func() error {
		if err := c.each(func(l *learner) error {
			return l.save(ctx, c.h, c.notebook, []map[string]any{codeCellJSON(probe.source, l.results[-1])})
		}); err != nil {
			return err
		}
		return c.each(func(l *learner) error {
			file := filepath.Join(c.h.homes, l.name, "parlab", filepath.FromSlash(c.notebook))
			b, err := os.ReadFile(file)
			if err != nil {
				return err
			}
			for _, other := range c.learners {
				mark := fmt.Sprintf("hubcheck USER=%s\\n", other.name) // as JSON writes the printed line
				has := bytes.Contains(b, []byte(mark))
				if other == l && !has {
					return fmt.Errorf("%s lacks their own saved run", file)
				}
				if other != l && has {
					return fmt.Errorf("%s holds %s's run", file, other.name)
				}
			}
			return nil
		})
	}
}

// noCrossAccess checks that each learner's token is refused by the next learner's server.
func (c *check) noCrossAccess(ctx context.Context) func() error {
	return func() error {
		var msgs []string
		for i, l := range c.learners {
			other := c.learners[(i+1)%len(c.learners)]
			if l.token == "" {
				continue
			}
			code, err := c.h.call(ctx, http.MethodGet, "/user/"+other.name+contentsPath(c.notebook), l.token, nil, nil)
			if err != nil {
				msgs = append(msgs, err.Error())
			} else if code != http.StatusForbidden && code != http.StatusUnauthorized && code != http.StatusNotFound {
				msgs = append(msgs, fmt.Sprintf("%s's token on %s's server: HTTP %d, want 403", l.name, other.name, code))
			}
		}
		if len(msgs) > 0 {
			return fmt.Errorf("%s", strings.Join(msgs, "\n"))
		}
		return nil
	}
}

// restartKeeps stops the first learner's server and starts it again (a second login): their saved copy,
// with the probe cell they added, must still be there.
func (c *check) restartKeeps(ctx context.Context) func() error {
	return func() error {
		l := c.learners[0]
		if err := l.closeKernel(ctx, c.h); err != nil {
			return err
		}
		if err := c.h.stopServer(ctx, l.name); err != nil {
			return err
		}
		pid, err := c.h.startServer(ctx, l.name)
		if err != nil {
			return err
		}
		l.pid = pid
		before := len(asList(l.nb["cells"]))
		if err := l.open(ctx, c.h, c.notebook); err != nil {
			return err
		}
		if got := len(asList(l.nb["cells"])); got != before {
			return fmt.Errorf("after a restart their copy has %d cells, before it had %d: it was replaced", got, before)
		}
		return nil
	}
}

// startKernels starts every learner's kernel, a second apart as a class opens a notebook: servers that
// start kernels in the same instant can hand two kernels the same free port (see errKernelDied).
func (c *check) startKernels(ctx context.Context) func() error {
	return func() error {
		err := c.each(func(l *learner) error {
			t := time.NewTimer(time.Duration(slices.Index(c.learners, l)) * time.Second)
			defer t.Stop()
			select {
			case <-t.C:
			case <-ctx.Done():
				return ctx.Err()
			}
			return l.startKernel(ctx, c.h, c.notebook)
		})
		var retried []string
		for _, l := range c.learners {
			if l.retried > 0 {
				retried = append(retried, l.name)
			}
		}
		if len(retried) > 0 {
			c.numbers = append(c.numbers, "kernels that died at start and were started again in a new session: "+strings.Join(retried, ", "))
		}
		return err
	}
}

// measured records the numbers of the concurrent run.
func (c *check) measured(w *watcher, took time.Duration, cells int, load0 float64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	c.numbers = append(c.numbers, fmt.Sprintf("%s in %d kernels at once, %d code cells in lockstep: %.1f s",
		c.notebook, c.n, cells, took.Seconds()))
	var mem []string
	for _, l := range c.learners {
		mem = append(mem, fmt.Sprintf("%s %.0f MB", l.name, float64(w.peakPSS[l.name])/1024))
	}
	c.numbers = append(c.numbers, "peak memory per learner (PSS of their server, kernel, compiler and cell programs): "+strings.Join(mem, ", "))
	c.numbers = append(c.numbers, fmt.Sprintf("load average (1 min): %.2f before the hub started, at most %.2f during the run, on %d logical CPUs",
		load0, w.maxLoad, runtime.NumCPU()))
	c.numbers = append(c.numbers, fmt.Sprintf("the hub's status file: at most %d of %d learners busy at once, %d within its recent window (%d samples)",
		w.maxBusy, c.n, w.maxRecent, w.samples))
}

// atRest records each learner's memory with their kernel idle (after the run, before any check), and
// what it is made of: the mean over learners per program.
func (c *check) atRest(servers map[string]int) {
	time.Sleep(time.Second) // the last cell's program and compiler have exited
	kids := children()
	var mem []string
	byProgram := map[string]int{} // command name → KiB, summed over learners
	for _, l := range c.learners {
		pid := servers[l.name]
		total := 0
		for _, p := range append([]int{pid}, descendantsOf(pid, kids)...) {
			kib := pss(p)
			total += kib
			comm, _ := os.ReadFile(fmt.Sprintf("/proc/%d/comm", p))
			byProgram[strings.TrimSpace(string(comm))] += kib
		}
		mem = append(mem, fmt.Sprintf("%s %.0f MB", l.name, float64(total)/1024))
	}
	var parts []string
	for name, kib := range byProgram {
		parts = append(parts, fmt.Sprintf("%s %.0f MB", name, float64(kib)/1024/float64(len(c.learners))))
	}
	sort.Strings(parts)
	c.numbers = append(c.numbers, "memory per learner at rest (server and idle kernel, after the run): "+strings.Join(mem, ", ")+
		"; per learner by program: "+strings.Join(parts, ", "))
}

// stopAll closes the kernels, stops the servers and the hub, and kills whatever of the run is left.
func (c *check) stopAll() {
	if c.h == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if c.h.proc != nil {
		if done, _ := c.h.proc.exited(); !done {
			for _, l := range c.learners {
				if err := l.closeKernel(ctx, c.h); err != nil && l.token != "" {
					c.fail("closing %s's kernel: %v", l.name, err)
				}
			}
		}
	}
	if left := c.h.stop(); len(left) > 0 {
		c.fail("%d process(es) of the run were still running after the hub stopped (%s): killed", len(left), strings.Join(left, ", "))
	}
}

// keep copies the hub's log and the learners' saved notebooks to build/hubcheck.
func (c *check) keep() {
	if err := os.RemoveAll(c.out); err != nil {
		c.fail("%v", err)
		return
	}
	if err := os.MkdirAll(c.out, 0o755); err != nil {
		c.fail("%v", err)
		return
	}
	copyFile := func(from, to string) {
		if b, err := os.ReadFile(from); err == nil {
			if err := os.WriteFile(to, b, 0o644); err != nil {
				c.fail("%v", err)
			}
		}
	}
	if c.h != nil {
		copyFile(c.h.logPath, filepath.Join(c.out, "hub.log"))
		for _, l := range c.learners {
			copyFile(filepath.Join(c.h.homes, l.name, "parlab", filepath.FromSlash(c.notebook)),
				filepath.Join(c.out, l.name+"-"+filepath.Base(c.notebook)))
		}
	}
}

// summary prints the numbers, notes and failures and returns the exit status.
func (c *check) summary(took time.Duration) int {
	fmt.Println("hubcheck: measured:")
	for _, n := range c.numbers {
		fmt.Println("  -", n)
	}
	for _, n := range c.notes {
		fmt.Println("hubcheck: note:", n)
	}
	fmt.Println("hubcheck: the hub's log and each learner's saved notebook are in", c.out)
	if len(c.fails) == 0 {
		fmt.Printf("hubcheck: PASS (%.0f s)\n", took.Seconds())
		return 0
	}
	fmt.Printf("hubcheck: FAIL (%.0f s): %d problem(s)\n", took.Seconds(), len(c.fails))
	for _, f := range c.fails {
		fmt.Printf("  - %s\n", strings.ReplaceAll(f, "\n", "\n    "))
	}
	return 1
}

const modulePath = "github.com/parlab/parlab"

// findRoot walks up from dir to the directory whose go.mod declares the parlab module.
func findRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		b, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil && bytes.Contains(b, []byte("module "+modulePath+"\n")) {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no parlab checkout (a go.mod for %s) at or above %s: pass -root", modulePath, dir)
		}
	}
}
