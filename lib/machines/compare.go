package machines

import (
	"fmt"
	"math"
	"strings"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/cores"
	"github.com/parlab/parlab/lib/scaling"
	"github.com/parlab/parlab/lib/workload"
)

// Yours is the label of the learner's own sweep.
const Yours = "your machine, now"

// Machine is one machine's speedups of one task and the laws fitted to them.
type Machine struct {
	Label  string       // for legends: "AMD EPYC, 2 CPUs, 2026-11-22", or Yours
	Yours  bool         // measured now, in the learner's notebook
	Report bench.Report // the machine, its load and its sweeps (File "" for the learner's)
	Task   string       // the task's full name in this report, sizes included
	// Speedups are the speedups of every number of workers measured (N strictly increasing), with
	// their 95% intervals where known.
	Speedups []scaling.Point
	// Cores is the number of workers the fits go up to: the physical cores when known, else the
	// logical CPUs, and no more than GOMAXPROCS or the CPU quota.
	Cores int
	// Amdahl is Amdahl's law fitted to the speedups with N ≤ Cores; nil when it cannot be, and then
	// AmdahlWhy says why. USL and USLWhy are the same for the Universal Scalability Law (a fit that
	// exists may still say, in its Warning, what the points cannot determine).
	Amdahl    *scaling.AmdahlFit
	AmdahlWhy string
	USL       *scaling.USLFit
	USLWhy    string
	// Host is set for the learner's machine when this process may use fewer logical CPUs than the
	// machine has (its CPU affinity: taskset, a container's cpuset): what the whole machine has, as
	// notebook 08's topology reports it. "" otherwise.
	Host string
}

// Comparison is one task on several machines.
type Comparison struct {
	Kind     string    // the task's kind, as asked
	Machines []Machine // the learner's first, then the reports, oldest first
	// Notes say which sweeps were left out and why (they did not measure the task).
	Notes []string
}

// maxMachines bounds a comparison: more reports than this are not read.
const maxMachines = 1000

// Compare gathers the speedups of the task of the given kind (workload.Kind of its name: "sum of
// squares", any size) from the learner's sweep mine (nil for none) and from every report's CPU
// sweep, under the GOMAXPROCS each was measured with, and fits Amdahl's law and the USL to each
// machine. A report without the task is left out with a note. It is an error when kind is empty,
// when no machine measured it, or when reports holds a nil.
func Compare(kind string, mine *bench.Result, reports []*bench.Report) (*Comparison, error) {
	if strings.TrimSpace(kind) == "" {
		return nil, fmt.Errorf("machines: the task is empty; want one of %q", workload.StandardKinds())
	}
	if len(reports) > maxMachines {
		return nil, fmt.Errorf("machines: %d reports; want at most %d to compare", len(reports), maxMachines)
	}
	c := &Comparison{Kind: kind}
	if mine != nil {
		m, ok := machineOf(kind, bench.Report{Env: mine.Env, CPU: mine}, Yours)
		if ok {
			m.Yours = true
			m.Host = hostWords(mine.Env, cores.Read())
			c.Machines = append(c.Machines, m)
		} else if mine.Partial {
			c.Notes = append(c.Notes, fmt.Sprintf("Your sweep was stopped before it measured a speedup of %q: run its cell again.", kind))
		} else {
			c.Notes = append(c.Notes, fmt.Sprintf("Your sweep did not measure %q: measure it with machines.Sweep(%q, …).", kind, kind))
		}
	}
	labels := map[string]int{}
	for i, r := range reports {
		if r == nil {
			return nil, fmt.Errorf("machines: reports[%d] is nil; pass the reports bench.Reports read", i)
		}
		label := fmt.Sprintf("%s, %d CPU%s, %s", model(r.Env), r.Env.NumCPU, plural(r.Env.NumCPU), r.Env.Date())
		if labels[label]++; labels[label] > 1 { // two identical machines measured on the same day
			label += fmt.Sprintf(" (#%d)", labels[label])
		}
		m, ok := machineOf(kind, *r, label)
		if !ok {
			c.Notes = append(c.Notes, fmt.Sprintf("%s did not measure %q (its file: %s).", label, kind, r.File))
			continue
		}
		c.Machines = append(c.Machines, m)
	}
	if len(c.Machines) == 0 {
		return c, fmt.Errorf("machines: no machine measured the task %q; the standard tasks are %q", clip(kind, 80), workload.StandardKinds())
	}
	return c, nil
}

// machineOf finds the task of kind in r's CPU sweep and fits the laws to its speedups.
func machineOf(kind string, r bench.Report, label string) (Machine, bool) {
	if r.CPU == nil {
		return Machine{}, false
	}
	m := Machine{Label: label, Report: r, Cores: Cores(r.Env)}
	for _, p := range r.CPU.Points {
		if workload.Kind(p.Task) == kind {
			m.Task = p.Task
			break
		}
	}
	if m.Task == "" {
		return Machine{}, false
	}
	m.Speedups = r.CPU.Speedups(m.Task, 0)
	if len(m.Speedups) == 0 {
		return Machine{}, false
	}
	var fitted []scaling.Point
	for _, p := range m.Speedups {
		if p.N <= m.Cores {
			fitted = append(fitted, p)
		}
	}
	if m.Cores == 1 {
		m.AmdahlWhy = oneCore
		m.USLWhy = oneCore
		return m, true
	}
	if len(fitted) == 0 {
		m.AmdahlWhy = "no speedup was measured at N ≤ its cores"
		m.USLWhy = m.AmdahlWhy
		return m, true
	}
	if f, err := scaling.FitAmdahl(fitted); err != nil {
		m.AmdahlWhy = strings.TrimPrefix(err.Error(), "scaling: ")
	} else {
		m.Amdahl = &f
	}
	if f, err := scaling.FitUSL(fitted); err != nil {
		m.USLWhy = strings.TrimPrefix(err.Error(), "scaling: ")
	} else {
		m.USL = &f
	}
	return m, true
}

// oneCore is why a machine whose workers had one core between them has no fit.
const oneCore = "one core: nothing to fit — only N = 1 had a core of its own, and there every law gives a speedup of 1"

// hostWords says what the whole machine has when the process may use fewer of its logical CPUs
// (env.NumCPU, its affinity) than the topology t reports online, and "" otherwise.
func hostWords(env bench.Env, t cores.Topology) string {
	if env.NumCPU <= 0 || t.Logical <= env.NumCPU {
		return ""
	}
	s := fmt.Sprintf("the process may use %d of this machine's %d logical CPUs", env.NumCPU, t.Logical)
	if t.Cores > 0 {
		s += fmt.Sprintf(" on %d physical core%s", t.Cores, plural(t.Cores))
	}
	return s + ", by its CPU affinity"
}

// machineWords describes the machine in a few words, and the whole machine where the process may
// use only part of it.
func (m Machine) machineWords() string {
	if m.Host != "" {
		return m.Report.Env.Machine() + " — " + m.Host
	}
	return m.Report.Env.Machine()
}

// Cores returns the number of workers that each get a core of their own on the machine env
// describes: its physical cores when known, else its logical CPUs, and no more than GOMAXPROCS or
// the CPU quota (rounded down, at least 1).
func Cores(env bench.Env) int {
	n := env.NumCPU
	if env.PhysicalCores > 0 {
		n = min(n, env.PhysicalCores)
	}
	if env.GOMAXPROCS > 0 {
		n = min(n, env.GOMAXPROCS)
	}
	if env.CPUQuota > 0 {
		n = min(n, int(math.Max(1, math.Floor(env.CPUQuota))))
	}
	return max(n, 1)
}

// Best returns the machine's largest measured speedup and the N it came at; zero without points.
func (m Machine) Best() scaling.Point {
	var best scaling.Point
	for _, p := range m.Speedups {
		if p.Value > best.Value {
			best = p
		}
	}
	return best
}

// MaxN returns the largest N measured.
func (m Machine) MaxN() int {
	if len(m.Speedups) == 0 {
		return 0
	}
	return m.Speedups[len(m.Speedups)-1].N
}

// ShowsKnee reports whether the machine's sweep shows the knee at its physical cores: the report
// knows them, the machine has more logical CPUs than physical cores (hardware threads), and the
// sweep went past them.
func (m Machine) ShowsKnee() bool {
	p := m.Report.Env.PhysicalCores
	return p > 0 && p < m.Report.Env.NumCPU && m.MaxN() > p && m.Cores == p
}

// ShowsPeak reports whether the machine's USL fit shows throughput falling past a peak: κ's 95%
// interval excludes 0 and the peak lies inside the measured N.
func (m Machine) ShowsPeak() bool {
	return m.USL != nil && !m.USL.Underdetermined() && m.USL.PeakKnown() && m.USL.Peak() < float64(m.USL.MaxN)
}

// Knee returns the machine that shows the knee at its physical cores with the most logical CPUs,
// and whether there is one.
func (c *Comparison) Knee() (Machine, bool) {
	return c.most(Machine.ShowsKnee)
}

// Peak returns the machine whose USL fit shows a peak with the most logical CPUs, and whether there
// is one.
func (c *Comparison) Peak() (Machine, bool) {
	return c.most(Machine.ShowsPeak)
}

func (c *Comparison) most(shows func(Machine) bool) (Machine, bool) {
	if c == nil {
		return Machine{}, false
	}
	var best *Machine
	for i, m := range c.Machines {
		if shows(m) && (best == nil || m.Report.Env.NumCPU > best.Report.Env.NumCPU) {
			best = &c.Machines[i]
		}
	}
	if best == nil {
		return Machine{}, false
	}
	return *best, true
}

// Largest returns the machine with the most logical CPUs (the first of those with as many), and
// false for an empty comparison.
func (c *Comparison) Largest() (Machine, bool) {
	return c.most(func(Machine) bool { return true })
}

// Describe says in sentences, for each machine, where its numbers come from, its best speedup, and
// what the fits found or why they could not: every claim is read from the measurements and the
// fits, and a fit's own warning is quoted.
func (c *Comparison) Describe() string {
	if c == nil || len(c.Machines) == 0 {
		return "No machine measured this task."
	}
	var b strings.Builder
	for _, m := range c.Machines {
		b.WriteString(m.Describe() + "\n\n")
	}
	for _, n := range c.Notes {
		b.WriteString(n + "\n\n")
	}
	return strings.TrimSpace(b.String())
}

// Describe says in sentences what one machine measured and what the laws fitted to it say or why
// they cannot.
func (m Machine) Describe() string {
	var b strings.Builder
	e := m.Report.Env
	from := "measured in this notebook"
	if !m.Yours {
		from = "file " + m.Report.File
		if m.Report.Quick {
			from += ", quick mode"
		}
	}
	fmt.Fprintf(&b, "**%s** (%s; %s; load %s; %s): ", m.Label, m.machineWords(), from, e.Load(), m.Task)
	best := m.Best()
	fmt.Fprintf(&b, "best speedup %.2f× at N = %d of %d measured. ", best.Value, best.N, m.MaxN())
	if w := e.Busy(); w != "" {
		b.WriteString("The machine was busy (load above half its CPUs): its curve is lower than the machine can do. ")
	}
	fits := fmt.Sprintf("Fitted over N = 1 … %d (its cores)", m.Cores)
	if m.Cores == 1 && m.Amdahl == nil {
		fmt.Fprintf(&b, "One core: nothing to fit — only N = 1 had a core of its own, and there Amdahl's law and the USL both give a speedup of 1, whatever the program. The other machines' fits show the curves.")
		return strings.TrimSpace(b.String())
	}
	if m.Amdahl != nil {
		a := m.Amdahl
		fmt.Fprintf(&b, "%s: Amdahl's s = %.3f (95%% interval %.3f–%.3f), %s", fits, a.Serial, a.Lower, a.Upper, ceiling(a.MaxSpeedup()))
		if a.Warning != "" {
			b.WriteString(" — but " + a.Warning)
		}
		b.WriteString(".")
	} else {
		fmt.Fprintf(&b, "%s: no Amdahl fit: %s.", fits, strings.TrimSuffix(m.AmdahlWhy, "."))
	}
	b.WriteString(" ")
	switch u := m.USL; {
	case u == nil:
		fmt.Fprintf(&b, "No USL fit: %s.", strings.TrimSuffix(m.USLWhy, "."))
	case u.Underdetermined():
		fmt.Fprintf(&b, "USL: %s.", u.Warning)
	default:
		fmt.Fprintf(&b, "USL: σ = %.3g, κ = %.3g", u.Sigma, u.Kappa)
		if m.ShowsPeak() {
			fmt.Fprintf(&b, "; throughput peaks at N* = %g and falls after it", u.Peak())
		}
		if u.Warning != "" {
			b.WriteString("; " + u.Warning)
		}
		b.WriteString(".")
	}
	return strings.TrimSpace(b.String())
}

// model is the CPU model, or what is known instead.
func model(e bench.Env) string {
	if e.CPUModel != "" {
		return e.CPUModel
	}
	return "unknown CPU (" + e.OS + "/" + e.Arch + ")"
}

// ceiling says what Amdahl's law caps the speedup at, 1/s.
func ceiling(x float64) string {
	if math.IsInf(x, 1) {
		return "no ceiling"
	}
	return fmt.Sprintf("a ceiling of %.3g×", x)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// clip shortens s to at most n bytes for an error message, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// Fastest returns the machine that reached the highest speedup, and false for an empty comparison.
func (c *Comparison) Fastest() (Machine, bool) {
	if c == nil || len(c.Machines) == 0 {
		return Machine{}, false
	}
	best := c.Machines[0]
	for _, m := range c.Machines[1:] {
		if m.Best().Value > best.Best().Value {
			best = m
		}
	}
	return best, true
}

// Summary says in a sentence or two how far the learner's machine and the fastest machine got.
func (c *Comparison) Summary() string {
	f, ok := c.Fastest()
	if !ok {
		return "No machine measured this task."
	}
	var b strings.Builder
	for _, m := range c.Machines {
		if m.Yours {
			bs := m.Best()
			fmt.Fprintf(&b, "Your machine (%s) reached %.2f× at N = %d. ", m.machineWords(), bs.Value, bs.N)
		}
	}
	bs := f.Best()
	if f.Yours {
		fmt.Fprintf(&b, "That is the highest speedup of the %d machine%s here.", len(c.Machines), plural(len(c.Machines)))
	} else {
		fmt.Fprintf(&b, "The highest here is %.2f× at N = %d, on %s (%s).", bs.Value, bs.N, f.Label, f.Report.Env.Machine())
	}
	return b.String()
}

// DescribeBeyond says where the knee and the peak of figure.Beyond come from: which machine shows
// them, or that they are the model's; and what the learner's machine has to show them with.
func (c *Comparison) DescribeBeyond(model Model) string {
	var b strings.Builder
	for _, m := range c.Machines {
		if !m.Yours {
			continue
		}
		e := m.Report.Env
		switch {
		case m.ShowsKnee():
			fmt.Fprintf(&b, "Your machine shows the knee itself: %d logical CPUs on %d physical cores, and your sweep went past them. ", e.NumCPU, e.PhysicalCores)
		case e.PhysicalCores > 0 && e.PhysicalCores == e.NumCPU:
			fmt.Fprintf(&b, "Your machine has %d logical CPU%s on as many physical cores — no hardware threads — so its curve has no knee before it goes flat at %d. ", e.NumCPU, plural(e.NumCPU), e.NumCPU)
		case e.PhysicalCores == 0:
			fmt.Fprintf(&b, "Your machine's physical cores are unknown here (not Linux, or no CPU topology), so its knee cannot be marked. ")
		default:
			fmt.Fprintf(&b, "Your machine has hardware threads (%d logical CPUs on %d cores), but the sweep did not go past %d workers. ", e.NumCPU, e.PhysicalCores, m.MaxN())
		}
	}
	if k, ok := c.Knee(); ok {
		fmt.Fprintf(&b, "The knee drawn is measured, on %s. ", k.Label)
	} else {
		fmt.Fprintf(&b, "No result here shows a knee, so the one drawn is the model's (%s), not a measurement. ", model)
	}
	if p, ok := c.Peak(); ok {
		fmt.Fprintf(&b, "The peak drawn is measured, on %s (its USL fit peaks at N* = %g).", p.Label, p.USL.Peak())
	} else if math.IsInf(model.USL().Peak(), 1) {
		fmt.Fprintf(&b, "No result here shows throughput falling past a peak, and the model's USL has κ = 0: no peak at all, only the ceiling 1/σ.")
	} else {
		fmt.Fprintf(&b, "No result here shows throughput falling past a peak, so the one drawn is the model's USL (σ = %g, κ = %g: N* = %g), not a measurement.", model.Sigma, model.Kappa, model.USL().Peak())
	}
	return b.String()
}

// Yours returns the learner's machine, and false when the comparison has none.
func (c *Comparison) Yours() (Machine, bool) {
	return c.most(func(m Machine) bool { return m.Yours })
}
