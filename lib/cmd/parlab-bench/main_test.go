package main

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/compare"
)

func TestParse(t *testing.T) {
	d, sum, err := parse([]byte("serial 3000000 42\n"), "serial")
	if err != nil || d != 3*time.Millisecond || sum != 42 {
		t.Errorf("parse = %v, %d, %v; want 3ms, 42", d, sum, err)
	}
	for _, bad := range []string{"serial 3000000\n", "other 1 2\n", "serial x 42\n", "serial -5 42\n", "serial 1 2\nserial 1 2\n", ""} {
		if _, _, err := parse([]byte(bad), "serial"); err == nil {
			t.Errorf("parse(%q) gave no error", bad)
		}
	}
}

// fixed is an implementation that reports the same time every round.
func fixed(name string, ms float64) compare.Impl {
	return compare.Impl{Name: name, Time: func(context.Context) (time.Duration, error) {
		return time.Duration(ms * float64(time.Millisecond)), nil
	}}
}

func TestTargets(t *testing.T) {
	native, err := compare.Run(context.Background(), "n", 10, 1, fixed(goSerial, 3.1), fixed(cSerial, 3.0), fixed(goPar, 2), fixed(cOMP, 1.5))
	if err != nil {
		t.Fatal(err)
	}
	py, err := compare.Run(context.Background(), "p", 6, 1, fixed(goSame, 3.2), fixed(python, 400))
	if err != nil {
		t.Fatal(err)
	}
	rep := &report{
		Report:   bench.Report{CPU: &bench.Result{}, IO: &bench.Result{}},
		Peers:    &peerResults{Native: native, Python: py, How: map[string]string{goSerial: "the loop"}},
		Overhead: harnessCost{InTrial: 100 * time.Nanosecond, PerTrial: 200 * time.Microsecond},
	}
	rep.targets([]string{"sum of squares, n=10"})
	// In order: Go/C serial 3.1/3.0 = 1.03 ≤ 1.1; Go/C parallel 2/1.5 = 1.33 > 1.1; Python/Go 400/3.2 = 125 ≥ 50;
	// 100 ns < 1% of 10 ms; 200 µs = 2% of 10 ms. No speedup target: the sweep has no points.
	want := []bool{true, false, true, true, false}
	var got []bool
	for _, tg := range rep.Targets {
		got = append(got, tg.Met)
	}
	if !slices.Equal(got, want) {
		t.Errorf("targets met %v; want %v (targets %+v)", got, want, rep.Targets)
	}
	md := rep.markdown()
	for _, s := range []string{"## Targets", "| go serial | the loop |", "1.33 (1.33 – 1.33)", "**no**"} {
		if !strings.Contains(md, s) {
			t.Errorf("Markdown lacks %q:\n%s", s, md)
		}
	}
}
