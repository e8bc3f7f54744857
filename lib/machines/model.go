package machines

import (
	"fmt"
	"math"

	"github.com/parlab/parlab/lib/scaling"
)

// Model is a made-up machine, for what no measured machine shows: Cores physical cores with Threads
// hardware threads each, where a core's second (and later) thread adds only Yield of a core, and a
// program on it whose throughput follows the USL with contention Sigma and coherency Kappa. It is a
// model, not a measurement: wherever it is drawn it is labelled so. The zero Model is invalid; see
// [DefaultModel].
type Model struct {
	Cores   int     // physical cores, 1 to 4096
	Threads int     // hardware threads per core, 1 to 8 (2 with SMT, "Hyper-Threading")
	Yield   float64 // what each thread past a core's first adds, as a share of a core: 0 to 1 (measured SMT gains are often 0.1–0.3)
	Sigma   float64 // USL contention σ, 0 to 1
	Kappa   float64 // USL coherency κ, 0 to 1 (0: no peak)
}

// DefaultModel is a 16-core machine with two threads per core, each second thread worth a quarter
// of a core, and a program with 2% contention and a coherency cost that makes it peak at 44 workers.
var DefaultModel = Model{Cores: 16, Threads: 2, Yield: 0.25, Sigma: 0.02, Kappa: 0.0005}

// Validate says in a sentence which field is outside its range, naming it as the Parameters cell of
// notebook 09 does (modelCores, …); nil when every field is allowed.
func (m Model) Validate() error {
	bad := func(name string, v any, want string) error {
		return fmt.Errorf("machines: %s = %v is not allowed: want %s", name, v, want)
	}
	in01 := func(x float64) bool { return x >= 0 && x <= 1 }
	switch {
	case m.Cores < 1 || m.Cores > 4096:
		return bad("modelCores", m.Cores, "from 1 to 4096 physical cores")
	case m.Threads < 1 || m.Threads > 8:
		return bad("modelThreads", m.Threads, "from 1 to 8 hardware threads per core (2 with SMT)")
	case !in01(m.Yield):
		return bad("modelYield", m.Yield, "from 0 to 1: what a core's second thread adds, as a share of a core")
	case !in01(m.Sigma):
		return bad("modelSigma", m.Sigma, "from 0 to 1, the USL's contention σ")
	case !in01(m.Kappa):
		return bad("modelKappa", m.Kappa, "from 0 to 1, the USL's coherency κ (0 for no peak)")
	}
	return nil
}

// Logical returns the model's logical CPUs, Cores × Threads.
func (m Model) Logical() int { return m.Cores * m.Threads }

// Capacity returns how many cores' worth of work n busy workers get done at once: n up to Cores,
// then Yield more for each worker up to Cores × Threads (each gets a busy core's next thread), then
// no more (the rest take turns). It is the speedup of perfectly parallel work, and has its knee at
// Cores. NaN for n < 1.
func (m Model) Capacity(n float64) float64 {
	if !(n >= 1) {
		return math.NaN()
	}
	c := float64(m.Cores)
	if n <= c {
		return n
	}
	return c + m.Yield*(math.Min(n, float64(m.Logical()))-c)
}

// USL returns the model's Universal Scalability Law with λ = 1, so that X(N) is the speedup.
func (m Model) USL() scaling.USL {
	return scaling.USL{Sigma: m.Sigma, Kappa: m.Kappa, Lambda: 1}
}

// String describes the model in words, for legends and sentences.
func (m Model) String() string {
	return fmt.Sprintf("%d cores × %d thread%s, a core's extra thread worth %.0f%% of a core", m.Cores, m.Threads, plural(m.Threads), 100*m.Yield)
}
