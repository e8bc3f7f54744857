package serving

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/procs"
	"github.com/parlab/parlab/lib/workload"
)

// BenchmarkLoopback sends b.N GET requests to a workload.Server on 127.0.0.1 that answers after 5 ms,
// from g goroutines, under GOMAXPROCS 1 or all logical CPUs ("latency=5ms/cap=unlimited/g=16/procs=1"),
// and, for the
// capacity experiment, to a server that serves 8 at a time. ns/op is wall time per request and
// requests/s the throughput; Little's law bounds it by min(g, capacity) ÷ 5 ms, and what falls short
// of that is the CPU time of HTTP on both ends (the server runs in the same program) and the load.
func BenchmarkLoopback(b *testing.B) {
	const latency = 5 * time.Millisecond
	configs := []struct{ capacity, g, procs int }{ // procs 0: all logical CPUs
		{unlimited, 1, 1}, {unlimited, 16, 1}, {unlimited, 16, 0},
		{8, 8, 0}, {8, 32, 0},
	}
	for _, c := range configs {
		capName := "unlimited"
		if c.capacity < unlimited {
			capName = fmt.Sprint(c.capacity)
		}
		procsName := "all"
		if c.procs != 0 {
			procsName = fmt.Sprint(c.procs)
		}
		b.Run(fmt.Sprintf("latency=%v/cap=%s/g=%d/procs=%s", latency, capName, c.g, procsName), func(b *testing.B) {
			n := c.procs
			if n == 0 {
				n = runtime.NumCPU()
			}
			restore, err := procs.Set("procs", n)
			if err != nil {
				b.Fatal(err)
			}
			defer restore()
			srv, err := workload.NewServer(latency, c.capacity)
			if err != nil {
				b.Fatal(err)
			}
			defer srv.Close()
			task, err := workload.HTTP(srv, max(b.N, c.g))
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			if _, err := task.Run(context.Background(), c.g); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(max(b.N, c.g))/b.Elapsed().Seconds(), "requests/s")
		})
	}
}
