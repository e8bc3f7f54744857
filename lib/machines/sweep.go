package machines

import (
	"fmt"
	"runtime"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/workload"
)

// Sweep returns the learner's sweep of the standard task of the given kind (workload.StandardTask: at
// workload's default sizes, ten times smaller in quick mode), to compare with the reports: 1, 2, …
// workers up to the logical CPUs, then twice as many, to maxWorkers (0 means twice the logical CPUs),
// trials timed runs each (0 means bench's default: 10, or 6 in quick mode). Run it with nb.Measure.
// Errors name the parameter: task, maxWorkers or trials.
func Sweep(kind string, maxWorkers, trials int) (bench.Sweep, error) {
	task, err := workload.StandardTask(kind)
	if err != nil {
		return bench.Sweep{}, fmt.Errorf("machines: %w", err)
	}
	if maxWorkers < 0 || maxWorkers > workload.MaxWorkers {
		return bench.Sweep{}, fmt.Errorf("machines: maxWorkers = %d is not allowed: want 0 (twice the logical CPUs) or from 1 to %d goroutines", maxWorkers, workload.MaxWorkers)
	}
	if trials != 0 && (trials < bench.MinTrials || trials > bench.MaxTrials) {
		return bench.Sweep{}, fmt.Errorf("machines: trials = %d is not allowed: want 0 (the default) or from %d to %d timed runs", trials, bench.MinTrials, bench.MaxTrials)
	}
	return bench.Sweep{Tasks: []workload.Task{task}, Workers: Workers(runtime.NumCPU(), maxWorkers), Trials: trials}, nil
}

// Workers returns the worker counts of a sweep on a machine with cpus logical CPUs: 1, 2, … up to
// cpus, then doubling, up to most (0 means 2 × cpus); at most workload.MaxWorkers.
func Workers(cpus, most int) []int {
	cpus = max(cpus, 1)
	if most <= 0 {
		most = 2 * cpus
	}
	most = min(most, workload.MaxWorkers)
	var ws []int
	for w := 1; w <= min(cpus, most); w++ {
		ws = append(ws, w)
	}
	for w := 2 * cpus; w <= most; w *= 2 {
		ws = append(ws, w)
	}
	if last := ws[len(ws)-1]; last < most {
		ws = append(ws, most)
	}
	return ws
}
