package main

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
)

func TestParse(t *testing.T) {
	serial, omp := &Peer{}, &Peer{}
	err := parse([]byte("serial 3000000 42\nopenmp 1500000 42\nserial 3100000 42\n"), map[string]*Peer{"serial": serial, "openmp": omp})
	if err != nil || len(serial.Samples) != 2 || serial.Samples[1] != 3100*time.Microsecond || omp.Checksum != 42 {
		t.Errorf("parse: serial %+v, openmp %+v, error %v; want 2 and 1 samples with checksum 42", serial, omp, err)
	}
	for _, bad := range []string{"serial 3000000\n", "other 1 2\n", "serial x 42\n"} {
		if err := parse([]byte(bad), map[string]*Peer{"serial": {}}); err == nil {
			t.Errorf("parse(%q) gave no error", bad)
		}
	}
}

func TestTargets(t *testing.T) {
	ms := func(x float64, n int) []time.Duration {
		d := make([]time.Duration, n)
		for i := range d {
			d[i] = time.Duration(x * float64(time.Millisecond))
		}
		return d
	}
	rep := &Report{
		CPU: &bench.Result{}, IO: &bench.Result{},
		Peers: []Peer{
			{Name: "go serial", Samples: ms(3.1, 10)}, {Name: "c serial", Samples: ms(3.0, 10)},
			{Name: "go parallel", Samples: ms(2, 10)}, {Name: "c openmp", Samples: ms(1.5, 10)},
			{Name: "go same work as python", Samples: ms(3.2, 10)}, {Name: "python multiprocessing", Samples: ms(400, 6)},
		},
		Overhead: Overhead{InTrial: 100 * time.Nanosecond, PerTrial: 200 * time.Microsecond},
	}
	rep.targets()
	// In order: Go/C serial 3.1/3.0 = 1.03 ≤ 1.1; Go/C parallel 2/1.5 = 1.33 > 1.1; Python/Go 400/3.2 = 125 ≥ 50;
	// 100 ns < 1% of 10 ms; 200 µs = 2% of 10 ms.
	want := []bool{true, false, true, true, false}
	var got []bool
	for _, tg := range rep.Targets {
		got = append(got, tg.Met)
	}
	if !slices.Equal(got, want) {
		t.Errorf("targets met %v; want %v (targets %+v)", got, want, rep.Targets)
	}
	md := rep.Markdown()
	for _, s := range []string{"## Targets", "| go serial |", "1.33 (1.33 – 1.33)", "**no**"} {
		if !strings.Contains(md, s) {
			t.Errorf("Markdown lacks %q:\n%s", s, md)
		}
	}
}

func TestPairedRatio(t *testing.T) {
	// Round 2 ran while the machine was twice as slow: both sides slowed, the ratio did not.
	num := []time.Duration{30, 60, 31, 30, 29, 30}
	den := []time.Duration{20, 40, 20, 21, 20, 19}
	got := pairedRatio(num, den)
	if math.Abs(got.Value-1.5) > 0.01 || got.Low > got.Value || got.High < got.Value {
		t.Errorf("pairedRatio = %+v; want 1.5 inside its interval", got)
	}
	if got := pairedRatio(nil, den); got != (bench.Interval{}) {
		t.Errorf("pairedRatio(nil, …) = %+v; want zero", got)
	}
}
