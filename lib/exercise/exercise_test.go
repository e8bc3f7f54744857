package exercise

import (
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func serialSum(xs []float64, _ int) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s
}

func goodSum(xs []float64, workers int) float64 {
	parts := make([]float64, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := len(xs)*w/workers, len(xs)*(w+1)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, x := range xs[lo:hi] {
				parts[w] += x
			}
		}()
	}
	wg.Wait()
	var s float64
	for _, p := range parts {
		s += p
	}
	return s
}

// dropsRemainder forgets the last len(xs)%workers values.
func dropsRemainder(xs []float64, workers int) float64 {
	if workers > len(xs) {
		return 0
	}
	chunk := len(xs) / workers
	var s float64
	for w := 0; w < workers; w++ {
		for _, x := range xs[w*chunk : (w+1)*chunk] {
			s += x
		}
	}
	return s
}

func TestCheckParallelSumCorrectness(t *testing.T) {
	tests := []struct {
		name string
		fn   SumFunc
		pass bool
		want string
	}{
		{"nil", nil, false, "the function is nil"},
		{"drops the remainder", dropsRemainder, false, "1000 values and 3 workers the sum is"},
		{"panics", func([]float64, int) float64 { panic("boom") }, false, "it panicked: boom"},
	}
	for _, tt := range tests {
		pass, msg := CheckParallelSum(tt.fn)
		if pass != tt.pass || !strings.Contains(msg, tt.want) {
			t.Errorf("%s: CheckParallelSum = %v, %q; want %v and a message containing %q", tt.name, pass, msg, tt.pass, tt.want)
		}
	}
}

func TestCheckParallelSumAcceptsCorrectCode(t *testing.T) {
	// The serial and the parallel sum are both correct; whether the speedup part passes depends on the
	// machine, so only the correctness part of the message is asserted.
	for name, fn := range map[string]SumFunc{"serial": serialSum, "parallel": goodSum} {
		_, msg := CheckParallelSum(fn)
		if strings.Contains(msg, "want ") && !strings.Contains(msg, "want at least 1.3") {
			t.Errorf("%s: correct code judged wrong: %s", name, msg)
		}
	}
}

func TestCallSumStuck(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	_, err := callSum(func([]float64, int) float64 { <-release; return 0 }, nil, 1, 50*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "did not return within 50ms") {
		t.Errorf("err = %v, want a stuck message", err)
	}
}

func TestCheckAmdahl(t *testing.T) {
	tests := []struct {
		s          float64
		n          int
		onN, onInf float64
		pass       bool
		want       string
	}{
		// S(8) for s = 0.1 is 1/(0.1 + 0.9/8) = 4.7058…; the limit is 10.
		{0.1, 8, 4.706, 10, true, "S(8) = 1/(s + (1−s)/8) = 4.71"},
		{0.1, 8, 8, 10, false, "the speedup on 8 cores is not 8"},
		{0.1, 8, 9, 10, false, "more than the number of cores"},
		{0.1, 8, 4.706, 100, false, "the limit is 1/s"},
		{0, 8, 1, 1, false, "needs 0 < s < 1"},
	}
	for _, tt := range tests {
		pass, msg := CheckAmdahl(tt.s, tt.n, tt.onN, tt.onInf)
		if pass != tt.pass || !strings.Contains(msg, tt.want) {
			t.Errorf("CheckAmdahl(%v, %d, %v, %v) = %v, %q; want %v and %q", tt.s, tt.n, tt.onN, tt.onInf, pass, msg, tt.pass, tt.want)
		}
	}
}
