package serving

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/internal/hostile"
	"github.com/parlab/parlab/lib/scaling"
	"github.com/parlab/parlab/lib/workload"
)

// TestHostileInputs puts the values a learner could type into a Parameters cell through every entry
// point of the package. Each case is also the documentation of a limit: what is refused, with which
// parameter named, and what is accepted. (The self-checks have their own tests.)
func TestHostileInputs(t *testing.T) {
	var cases []hostile.Case
	add := func(c hostile.Case) { cases = append(cases, c) }
	experiment := func(name, param string, make func() (*Experiment, error)) {
		add(hostile.Case{Name: name, Param: param, Call: func(context.Context) error {
			e, err := make()
			e.Close()
			return err
		}})
	}
	huge := make([]int, 1<<20)
	for i := range huge {
		huge[i] = 1
	}
	const ms = time.Millisecond

	// Overlap, Capacity and Models: requests 1 … 10⁶ (0: 16), goroutines and levels each 1 … 1000 and
	// at most 32 of them, trials 6 … 1000 (0: bench's default), latency and capacity as
	// workload.NewServer allows (0 … 1 min, 1 … 10⁶).
	for _, l := range []time.Duration{-1, math.MinInt64, math.MaxInt64} {
		experiment(fmt.Sprintf("Overlap/latency=%d", l), "latency", func() (*Experiment, error) { return Overlap(l, 0, nil, 0) })
		experiment(fmt.Sprintf("Capacity/latency=%d", l), "latency", func() (*Experiment, error) { return Capacity(l, 8, 0, nil, 0) })
		experiment(fmt.Sprintf("Models/latency=%d", l), "latency", func() (*Experiment, error) { return Models(l, 0, 0) })
	}
	for _, r := range []int{-1, math.MinInt, maxRequests + 1, math.MaxInt} {
		experiment(fmt.Sprintf("Overlap/requests=%d", r), "requests", func() (*Experiment, error) { return Overlap(ms, r, nil, 0) })
		experiment(fmt.Sprintf("Capacity/requests=%d", r), "requests", func() (*Experiment, error) { return Capacity(ms, 8, r, nil, 0) })
	}
	for name, ns := range map[string][]int{
		"[0]": {1, 0}, "[-1]": {-1}, "[1001]": {maxInFlight + 1}, "[MaxInt]": {math.MaxInt}, "[MinInt]": {math.MinInt},
		"33 values": make([]int, maxLevels+1), "2^20 values": huge,
	} {
		experiment("Overlap/goroutines="+name, "goroutines", func() (*Experiment, error) { return Overlap(ms, 0, ns, 0) })
		experiment("Capacity/levels="+name, "levels", func() (*Experiment, error) { return Capacity(ms, 8, 0, ns, 0) })
	}
	for _, tr := range []int{-1, 1, maxTrials + 1, math.MaxInt, math.MinInt} {
		experiment(fmt.Sprintf("Overlap/trials=%d", tr), "trials", func() (*Experiment, error) { return Overlap(ms, 0, nil, tr) })
		experiment(fmt.Sprintf("Capacity/trials=%d", tr), "trials", func() (*Experiment, error) { return Capacity(ms, 8, 0, nil, tr) })
		experiment(fmt.Sprintf("Models/trials=%d", tr), "trials", func() (*Experiment, error) { return Models(ms, 0, tr) })
	}
	for _, c := range []int{0, -1, math.MinInt, math.MaxInt} {
		experiment(fmt.Sprintf("Capacity/capacity=%d", c), "capacity", func() (*Experiment, error) { return Capacity(ms, c, 0, nil, 0) })
	}
	for _, w := range []int{-1, math.MinInt, maxWork + 1, math.MaxInt} {
		experiment(fmt.Sprintf("Models/work=%d", w), "work", func() (*Experiment, error) { return Models(ms, w, 0) })
	}
	add(hostile.Case{Name: "Capacity/duplicate, unsorted levels", Param: "levels", Accepts: true, Call: func(context.Context) error {
		e, err := Capacity(ms, 8, 0, []int{32, 1, 8, 8}, 6)
		if err != nil {
			return err
		}
		defer e.Close()
		if e.Requests != 32 || len(e.Bound().Levels) != 3 {
			return fmt.Errorf("levels: %d requests and %d bound levels; want 32 and 3 (1, 8, 32)", e.Requests, len(e.Bound().Levels))
		}
		return nil
	}})
	add(hostile.Case{Name: "Experiment/nil", Param: "Experiment", Accepts: true, Call: func(context.Context) error {
		var e *Experiment
		if err := e.Close(); err != nil || e.Subtitle(nil) != "" || len(e.Bound().Levels) != 0 {
			return fmt.Errorf("Experiment: a nil experiment's Close, Subtitle or Bound did something: %v", err)
		}
		return nil
	}})
	add(hostile.Case{Name: "Overlap/10^6 requests, interrupted", Param: "requests", Interrupt: 200 * ms, Call: func(ctx context.Context) error {
		e, err := Overlap(ms, maxRequests, []int{4}, 6)
		if err != nil {
			return err
		}
		defer e.Close()
		_, err = bench.Run(ctx, e.Sweep)
		return err
	}})

	// EventLoop and PerRequest: a server, requests 1 … 10⁶, work 0 … 10⁸; Run's workers 1 … 1000.
	srvTask := func(f func(*workload.Server, int, int) (workload.Task, error), requests, work int) func() (workload.Task, error) {
		return func() (workload.Task, error) {
			srv, err := workload.NewServer(ms, unlimited)
			if err != nil {
				return nil, err
			}
			defer srv.Close() // the server's goroutines must end within the case
			return f(srv, requests, work)
		}
	}
	for name, f := range map[string]func(*workload.Server, int, int) (workload.Task, error){"EventLoop": EventLoop, "PerRequest": PerRequest} {
		add(hostile.Case{Name: name + "/srv=nil", Param: "server", Call: func(context.Context) error {
			_, err := f(nil, 4, 0)
			return err
		}})
		for _, r := range []int{0, -1, math.MinInt, maxRequests + 1, math.MaxInt} {
			add(hostile.Case{Name: fmt.Sprintf("%s/requests=%d", name, r), Param: "requests", Call: func(context.Context) error {
				_, err := srvTask(f, r, 0)()
				return err
			}})
		}
		for _, w := range []int{-1, math.MinInt, maxWork + 1, math.MaxInt} {
			add(hostile.Case{Name: fmt.Sprintf("%s/work=%d", name, w), Param: "work", Call: func(context.Context) error {
				_, err := srvTask(f, 4, w)()
				return err
			}})
		}
		for _, n := range []int{0, -1, math.MinInt, maxInFlight + 1, 1 << 40, math.MaxInt} {
			add(hostile.Case{Name: fmt.Sprintf("%s.Run/workers=%d", name, n), Param: "workers", Call: func(ctx context.Context) error {
				srv, err := workload.NewServer(ms, unlimited)
				if err != nil {
					return err
				}
				defer srv.Close()
				task, err := f(srv, 4, 0)
				if err != nil {
					return err
				}
				_, err = task.Run(ctx, n)
				return err
			}})
		}
		add(hostile.Case{Name: name + ".Run/64 in flight, 10^6 requests of 10 s, interrupted", Param: "requests", Interrupt: 200 * ms,
			Call: func(ctx context.Context) error {
				srv, err := workload.NewServer(10*time.Second, unlimited)
				if err != nil {
					return err
				}
				defer srv.Close()
				task, err := f(srv, maxRequests, 0)
				if err != nil {
					return err
				}
				_, err = task.Run(ctx, 64)
				return err
			}})
		add(hostile.Case{Name: name + ".Run/more in flight than requests", Param: "workers", Accepts: true, Call: func(ctx context.Context) error {
			srv, err := workload.NewServer(0, unlimited)
			if err != nil {
				return err
			}
			defer srv.Close()
			task, err := f(srv, 3, 10)
			if err != nil {
				return err
			}
			got, err := task.Run(ctx, maxInFlight)
			if want := uint64(1+4+9) + workload.SumSquaresRange(1, 30); err == nil && got != want {
				err = fmt.Errorf("workers: checksum %d, want %d", got, want)
			}
			return err
		}})
	}

	// Levels, Curves and the results' helpers: empty, nil and odd input give an error or a documented
	// empty answer.
	add(hostile.Case{Name: "Levels/requests=0", Param: "requests", Call: func(context.Context) error {
		_, err := Levels([]bench.Point{{Median: ms, Low: ms, High: ms}}, 0)
		return err
	}})
	add(hostile.Case{Name: "Levels/requests=MinInt", Param: "requests", Call: func(context.Context) error {
		_, err := Levels(nil, math.MinInt)
		return err
	}})
	add(hostile.Case{Name: "Levels/no points", Param: "measured", Call: func(context.Context) error {
		_, err := Levels(nil, 16)
		return err
	}})
	add(hostile.Case{Name: "Levels/points without times", Param: "measured", Call: func(context.Context) error {
		_, err := Levels(make([]bench.Point, 1<<16), 16)
		return err
	}})
	add(hostile.Case{Name: "Curves/nil result", Param: "result", Call: func(context.Context) error {
		_, err := Curves(nil, 16)
		return err
	}})
	add(hostile.Case{Name: "Curves/requests=0", Param: "requests", Call: func(context.Context) error {
		_, err := Curves(&bench.Result{Points: []bench.Point{{Median: ms, Low: ms, High: ms}}}, 0)
		return err
	}})
	add(hostile.Case{Name: "Levels helpers/nil", Param: "levels", Accepts: true, Call: func(context.Context) error {
		_, ok := At(nil, 1)
		h, rows := Table(nil)
		if ok || len(Throughputs(nil)) != 0 || len(h) == 0 || len(rows) != 0 {
			return fmt.Errorf("levels: At, Throughputs or Table of nil levels gave something")
		}
		return nil
	}})
	add(hostile.Case{Name: "Describe/nothing measured", Param: "levels", Accepts: true, Call: func(context.Context) error {
		for _, s := range []string{
			DescribeOverlap(nil, ms), DescribeOverlap([]Curve{{}}, -1),
			DescribeCapacity(nil, scaling.USLFit{}, 8, ms), DescribeCapacity([]Level{{N: 1}}, scaling.USLFit{}, 0, ms),
			DescribeLoop(nil), DescribeLoop([]Curve{{Name: "event loop, GOMAXPROCS=1"}}),
		} {
			if !strings.Contains(s, "Nothing") {
				return fmt.Errorf("levels: %q; want it to say nothing was measured", s)
			}
		}
		return nil
	}})

	hostile.Run(t, cases)
}
