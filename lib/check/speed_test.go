package check

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestRatio(t *testing.T) {
	ms := func(xs ...int) []time.Duration {
		out := make([]time.Duration, len(xs))
		for i, x := range xs {
			out[i] = time.Duration(x) * time.Millisecond
		}
		return out
	}
	// Ten rounds; in round k the reference took 20 ms and the other 10 ms, except two rounds where a
	// busy machine slowed one of them: the interval (2nd smallest, 2nd largest ratio, bench.MedianCI
	// for n = 10) leaves one outlier on each side out.
	tm := Timing{Names: []string{"one goroutine", "yours"}, Times: [][]time.Duration{
		ms(20, 20, 20, 20, 20, 20, 20, 20, 60, 20),
		ms(10, 10, 10, 10, 40, 10, 10, 10, 10, 11),
	}}
	for _, tt := range []struct {
		name             string
		a, b             int
		value, low, high float64
		rounds           int
	}{
		{"speedup", 0, 1, 2, 1.8181818, 2, 10},
		{"inverse", 1, 0, 0.5, 0.5, 0.55, 10},
		{"itself", 0, 0, 1, 1, 1, 10},
		{"out of range", 0, 2, 0, 0, 0, 0},
	} {
		r := tm.Ratio(tt.a, tt.b)
		if r.Rounds != tt.rounds || !near(r.Value, tt.value) || !near(r.Low, tt.low) || !near(r.High, tt.high) {
			t.Errorf("%s: Ratio(%d, %d) = %+v; want %v (%v–%v) over %d rounds", tt.name, tt.a, tt.b, r, tt.value, tt.low, tt.high, tt.rounds)
		}
	}
	r := tm.Ratio(0, 1)
	if !r.Above(1.5) || r.Above(1.9) || r.Below(2) || !r.Below(2.1) {
		t.Errorf("%v: Above(1.5) %v, Above(1.9) %v, Below(2) %v, Below(2.1) %v; want true, false, false, true",
			r, r.Above(1.5), r.Above(1.9), r.Below(2), r.Below(2.1))
	}
	if got := r.String(); got != "2.00× (1.82–2.00× over 10 rounds)" {
		t.Errorf("String() = %q", got)
	}
	// Fewer rounds than bench.MinTrials have a median but no interval (Low = High = 0): such a Ratio,
	// like the zero one, is neither above nor below anything.
	few := Timing{Times: [][]time.Duration{ms(20, 20, 20), ms(10, 10, 10)}}
	for _, tt := range []struct {
		name string
		r    Ratio
		text string
	}{
		{"zero", Ratio{}, "not measured"},
		{"three rounds", few.Ratio(0, 1), "2.00× (over 3 rounds, too few for an interval)"},
		{"one round", Timing{Times: [][]time.Duration{ms(20), ms(10)}}.Ratio(0, 1), "2.00× (over 1 round, too few for an interval)"},
	} {
		for _, x := range []float64{-1, 0, 1, 2, 100} {
			if tt.r.Above(x) || tt.r.Below(x) {
				t.Errorf("%s: %+v: Above(%v) %v, Below(%v) %v; want both false", tt.name, tt.r, x, tt.r.Above(x), x, tt.r.Below(x))
			}
		}
		if got := tt.r.String(); got != tt.text {
			t.Errorf("%s: String() = %q; want %q", tt.name, got, tt.text)
		}
	}
}

func near(a, b float64) bool { return a-b < 1e-6 && b-a < 1e-6 }

func TestTime(t *testing.T) {
	calls := [2]int{}
	tm, err := Time(6, time.Second,
		Timed{"a", func() { calls[0]++ }},
		Timed{"b", func() { calls[1]++ }})
	if err != nil {
		t.Fatal(err)
	}
	// One warm-up and six rounds each; the times themselves depend on the machine and are not checked.
	if calls != [2]int{7, 7} || len(tm.Times) != 2 || len(tm.Times[0]) != 6 || len(tm.Times[1]) != 6 || tm.Names[1] != "b" {
		t.Errorf("calls %v, times %v, names %v; want 7 calls and 6 times each, names a and b", calls, tm.Times, tm.Names)
	}
	if r := tm.Ratio(0, 1); r.Rounds != 6 {
		t.Errorf("Ratio over %d rounds; want 6", r.Rounds)
	}
}

func TestTimeFailures(t *testing.T) {
	ok := Timed{"ok", func() {}}
	if _, err := Time(5, time.Second, ok, ok); err == nil || !strings.Contains(err.Error(), "5 rounds; want at least 6") {
		t.Errorf("Time(5 rounds): err = %v", err)
	}
	if _, err := Time(6, time.Second, ok, Timed{"none", nil}); err == nil || !strings.Contains(err.Error(), `no function for "none"`) {
		t.Errorf("Time(nil Run): err = %v", err)
	}
	_, err := Time(6, time.Second, ok, Timed{"boom", func() { panic("boom") }})
	var pe *PanicError
	if !errors.As(err, &pe) || pe.Value != "boom" {
		t.Errorf("Time(panicking): err = %v; want a *PanicError with boom", err)
	}
	release := make(chan struct{})
	defer close(release)
	_, err = Time(6, 20*time.Millisecond, ok, Timed{"stuck", func() { <-release }})
	var te *TimeoutError
	if !errors.As(err, &te) {
		t.Errorf("Time(stuck): err = %v; want a *TimeoutError", err)
	}
}
