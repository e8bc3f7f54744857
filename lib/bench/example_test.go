package bench_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/workload"
)

// A sweep of the sum of squares over 1, 2 and 4 workers, 6 trials each. Times differ from run to
// run; the shape of the result does not.
func ExampleRun() {
	task, err := workload.SumSquares(1_000_000)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := bench.Run(context.Background(), bench.Sweep{
		Tasks:   []workload.Task{task},
		Workers: []int{2, 4}, // 1, the baseline, is added
		Trials:  6,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range res.Points {
		fmt.Printf("%d workers: %d samples, median inside its interval: %v\n",
			p.Workers, len(p.Samples), p.Low <= p.Median && p.Median <= p.High)
	}
	// Output:
	// 1 workers: 6 samples, median inside its interval: true
	// 2 workers: 6 samples, median inside its interval: true
	// 4 workers: 6 samples, median inside its interval: true
}

// Bad parameters are errors that read as a sentence.
func ExampleRun_badInput() {
	task, _ := workload.SumSquares(1000)
	_, err := bench.Run(context.Background(), bench.Sweep{Tasks: []workload.Task{task}, Trials: 3})
	fmt.Println(err)
	// Output: bench: trials = 3 is not allowed: want from 6, the fewest whose median has a 95% confidence interval, to 1000
}

// Results are written with their environment and read back, e.g. from data/.
func ExampleReadFile() {
	task, _ := workload.Sleep(4, 0)
	res, _ := bench.Run(context.Background(), bench.Sweep{Tasks: []workload.Task{task}, Workers: []int{1, 2}})
	dir, _ := os.MkdirTemp("", "parlab")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "sleep.json")
	if err := res.WriteFile(path); err != nil {
		fmt.Println(err)
		return
	}
	back, err := bench.ReadFile(path)
	fmt.Println(len(back.Points), back.Env.NumCPU == res.Env.NumCPU, err)
	// Output: 2 true <nil>
}

func ExampleCaptureEnv() {
	env := bench.CaptureEnv()
	fmt.Println(env.NumCPU > 0, env.GoVersion != "")
	// Output: true true
}

// Key changes when the sweep would measure something else, so a cache can tell whether a stored
// result still answers it.
func ExampleSweep_Key() {
	small, _ := workload.SumSquares(1000)
	large, _ := workload.SumSquares(2000)
	k1, _ := bench.Sweep{Tasks: []workload.Task{small}, Workers: []int{1, 2}}.Key()
	k2, _ := bench.Sweep{Tasks: []workload.Task{large}, Workers: []int{1, 2}}.Key()
	fmt.Println(k1 == k2)
	// Output: false
}

// The median of ten trials and its 95% interval: the 2nd smallest and the 2nd largest.
func ExampleMedianCI() {
	ms := func(xs ...int) []time.Duration {
		var d []time.Duration
		for _, x := range xs {
			d = append(d, time.Duration(x)*time.Millisecond)
		}
		return d
	}
	med, lo, hi, coverage := bench.MedianCI(ms(31, 30, 29, 35, 30, 32, 30, 29, 41, 30))
	fmt.Println(med, lo, hi, fmt.Sprintf("%.3f", coverage))
	// Output: 30ms 29ms 35ms 0.979
}

// How many times faster the second set is than the first, with a bootstrap interval. The medians are
// 100.5 and 50.
func ExampleRatio() {
	one := []time.Duration{100, 102, 99, 101, 100, 103}
	two := []time.Duration{50, 51, 50, 52, 50, 49}
	r := bench.Ratio(one, two, 1)
	fmt.Printf("%.2f, interval holds it: %v\n", r.Value, r.Low <= r.Value && r.Value <= r.High)
	// Output: 2.01, interval holds it: true
}

// A speedup from a partial result: one sample each, so a value but no interval.
func ExampleInterval_Known() {
	s := bench.Ratio([]time.Duration{3200}, []time.Duration{1600}, 0)
	fmt.Println(s.Value, s.Known())
	// Output: 2 false
}

func ExampleResult_WriteCSV() {
	task, _ := workload.Sleep(2, 0)
	res, _ := bench.Run(context.Background(), bench.Sweep{Tasks: []workload.Task{task}, Workers: []int{1}, Trials: 10})
	var b strings.Builder
	res.WriteCSV(&b)
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	fmt.Println(lines[0])
	fmt.Println(len(lines)-1, "samples")
	// Output:
	// task,workers,gomaxprocs,trial,seconds,median_s,low_s,high_s,speedup,speedup_low,speedup_high,noisy
	// 10 samples
}
