package gpu

import (
	"fmt"
	"time"

	"github.com/parlab/parlab/lib/check"
)

// checkJobs are the jobs CheckBreakEven asks about: the exercise's own, and others that a formula
// tuned to one job gets wrong — another device, other intensities, and two that never pay.
func checkJobs(mine Offload) []Offload {
	d := DefaultDevice()
	slow := d
	slow.BusGBps, slow.Launch = 8, 50*time.Microsecond
	cpu := func(dev Device, ops, bytes float64) Offload {
		return Offload{Device: dev, CPUOps: 30, CPUGBps: 40, OpsPerElement: ops, BytesPerElement: bytes}
	}
	jobs := []Offload{
		cpu(d, 1000, 8),   // compute-heavy: pays early
		cpu(d, 100, 16),   // pays later
		cpu(slow, 400, 8), // a slower bus and launch
		cpu(d, 2, 16),     // stream-like: the bus alone is slower than the CPU: never
		cpu(slow, 20, 24), // never
		cpu(d, 50, 0),     // no data at all: only the launch to pay back
	}
	if mine.Validate() == nil {
		jobs = append([]Offload{mine}, jobs...)
	}
	return jobs
}

// CheckBreakEven is the self-check of the exercise "find the size where offloading starts to pay".
// breakEven must return, for a job, the smallest number of elements n ≥ 1 for which the model's GPU
// time is below the CPU's — o.GPUNs(n) < o.CPUNs(n) — or 0 when no n up to MaxElements has it. It is
// asked about the notebook's job (mine, when valid) and six others, and compared with Offload.BreakEven.
func CheckBreakEven(breakEven func(o Offload) int64, mine Offload) check.Result {
	return checkBreakEven(breakEven, mine, 5*time.Second)
}

func checkBreakEven(breakEven func(Offload) int64, mine Offload, limit time.Duration) check.Result {
	if breakEven == nil {
		return check.NotYet("The function is nil.", "Pass your function: gpu.CheckBreakEven(breakEven, job).")
	}
	for i, o := range checkJobs(mine) {
		want, _ := o.BreakEven()
		got, err := check.Call(limit, func() int64 { return breakEven(o) })
		if err != nil {
			r := check.Explain(fmt.Sprintf("breakEven(job %d)", i+1), err)
			if _, ok := err.(*check.TimeoutError); ok && want == 0 {
				r.Hint = "This job never pays: the GPU's time per element (bus and compute) is not below the CPU's, so no n is large enough. Compare the two per-element costs first — o.GPUNs(1) − launch against o.CPUNs(1) — and return 0 when the GPU's is not smaller; or bound your search by gpu.MaxElements."
			} else if _, ok := err.(*check.TimeoutError); ok {
				r.Hint = "Counting n up one at a time takes too long for break-even points in the millions: double n until the GPU is faster, then bisect between the last two — or solve launch = n × (CPU per element − GPU per element)."
			}
			return r
		}
		what := fmt.Sprintf("job %d (%.3g operations and %.3g bytes per element, bus %.3g GB/s, launch %v)", i+1, o.OpsPerElement, o.BytesPerElement, o.Device.BusGBps, o.Device.Launch)
		switch {
		case got == want:
			continue
		case want == 0:
			return check.NotYet(fmt.Sprintf("For %s you returned %d; offloading never pays there: want 0.", what, got),
				"At that intensity the bus alone takes longer per element than the CPU needs for the element's whole work: the launch is never paid back. Return 0 when GPU time per element (without the launch) is not below the CPU's.")
		case got == 0:
			return check.NotYet(fmt.Sprintf("For %s you returned 0 (never); it pays from n = %d.", what, want),
				"Check the per-element comparison: the GPU's time per element is the bus time plus its compute, without the launch.")
		case got == want-1 || got == want+1:
			return check.NotYet(fmt.Sprintf("For %s you returned %d; want %d: off by one.", what, got, want),
				"The smallest n with o.GPUNs(n) < o.CPUNs(n) — strictly less; at n − 1 the GPU must not yet be faster.")
		}
		return check.NotYet(fmt.Sprintf("For %s you returned %d; the smallest n where the GPU model is faster is %d.", what, got, want),
			"Compare o.GPUNs(float64(n)) with o.CPUNs(float64(n)): both grow linearly with n, and the GPU's starts higher by the launch. Find where the lines cross.")
	}
	return check.Pass("Right for all seven jobs, including the ones where offloading never pays.")
}
