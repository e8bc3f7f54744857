package gil

import (
	"strings"
	"testing"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/compare"
)

// TestDescribe checks the sentences under the Python/Go comparison on 1, 2, 16 and 64 cores: on one
// core it never sends the learner to raise pythonSquares for processes that cannot win there.
func TestDescribe(t *testing.T) {
	result := func(cpus int, threads, procs, goPar float64) *compare.Result {
		e := func(name string, v float64) compare.Entry {
			return compare.Entry{Name: name, VsFirst: bench.Interval{Value: v}}
		}
		return &compare.Result{Env: bench.Env{NumCPU: cpus}, Entries: []compare.Entry{
			e("Python, serial", 1), e("Python, 2 threads", threads), e("Python, 2 processes", procs), e("Go, serial", 50), e("Go, 2 goroutines", goPar)}}
	}
	for _, tt := range []struct {
		cpus           int
		threads, procs float64
		want, not      []string
	}{
		{1, 0.96, 0.51, []string{"**0.96×**", "**0.51×**", "**55×**", "**one core**", "cannot pull ahead"}, []string{"Raise `pythonSquares`"}},
		{2, 0.97, 0.80, []string{"no faster than the threads", "Raise `pythonSquares`"}, []string{"one core"}},
		{2, 0.97, 1.70, []string{"**1.70×**"}, []string{"Raise", "one core"}},
		{16, 0.95, 9.5, []string{"**9.50×**"}, []string{"Raise", "one core"}},
		{64, 0.95, 0.9, []string{"Raise `pythonSquares`"}, []string{"one core"}},
	} {
		got := Describe(result(tt.cpus, tt.threads, tt.procs, 55))
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%d CPUs, threads %.2f×, processes %.2f×: %q; want it to say %q", tt.cpus, tt.threads, tt.procs, got, w)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(got, n) {
				t.Errorf("%d CPUs, threads %.2f×, processes %.2f×: %q; want it not to say %q", tt.cpus, tt.threads, tt.procs, got, n)
			}
		}
	}
	if got := Describe(nil); got != "" {
		t.Errorf("Describe(nil) = %q; want \"\"", got)
	}
}
