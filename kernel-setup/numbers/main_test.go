package main

import (
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
)

func TestParseList(t *testing.T) {
	rows, err := parseList([]byte("# a comment\n\n./lib/x\tBenchmarkA/b\tns/op\tthe a of b\n"))
	if err != nil || len(rows) != 1 || rows[0] != (row{"./lib/x", "BenchmarkA/b", "ns/op", "the a of b"}) {
		t.Errorf("parseList = %+v, %v; want one row", rows, err)
	}
	for _, bad := range []string{"", "# only a comment\n", "./lib/x BenchmarkA ns/op what\n", "lib/x\tBenchmarkA\tns/op\twhat\n", "./lib/x\tA\tns/op\twhat\n"} {
		if _, err := parseList([]byte(bad)); err == nil {
			t.Errorf("parseList(%q) gave no error", bad)
		}
	}
}

func TestBenchRegexp(t *testing.T) {
	if got, want := benchRegexp("BenchmarkTasks/matrix_multiply_(gonum),_n=512/workers-1"), `^BenchmarkTasks$/^matrix_multiply_\(gonum\),_n=512$/^workers-1$`; got != want {
		t.Errorf("benchRegexp = %q; want %q", got, want)
	}
}

func TestParseResultsAndTable(t *testing.T) {
	out := "pkg-dir: ./lib/w\nBenchmarkChunk/primes-2   \t 200\t 474396 ns/op\n" +
		"pkg-dir: ./lib/w\nBenchmarkK-2 \t 200\t 3565282 ns/op\t 0.3565 ns-per-square\n" +
		"pkg-dir: ./lib/w\nBenchmarkK-2 \t 200\t 3565282 ns/op\t 0.3600 ns-per-square\n"
	res := parseResults([]byte(out), 2)
	if got := res["./lib/w BenchmarkChunk/primes"]["ns/op"]; len(got) != 1 || got[0] != 474396 {
		t.Errorf("primes ns/op = %v; want [474396]", got)
	}
	if got := res["./lib/w BenchmarkK"]["ns-per-square"]; len(got) != 2 {
		t.Errorf("ns-per-square = %v; want two values", got)
	}
	if res1 := parseResults([]byte("pkg-dir: ./lib/w\nBenchmarkT/workers-1 \t 1\t 5 ns/op\n"), 1); len(res1["./lib/w BenchmarkT/workers-1"]["ns/op"]) != 1 {
		t.Errorf("with GOMAXPROCS 1 the name keeps its last -1: %v", res1)
	}
	env := bench.Env{Hostname: "vm", NumCPU: 2, GoVersion: "go1.26.8", Time: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), LoadBefore: []float64{0.5}, LoadAfter: []float64{1.5}}
	table, err := renderTable([]row{{"./lib/w", "BenchmarkChunk/primes", "ns/op", "primes chunk"}, {"./lib/w", "BenchmarkK", "ns-per-square", "a square"}}, res, env, "data/numbers/vm.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"on vm (CPU model unknown, 2 logical CPUs, go1.26.8), 2026-11-27, load average 0.50 before and 1.50 after",
		"| primes chunk | `w` | 474µs (1 run, too few for an interval) |", "| a square | `w` | 0.358 ns-per-square (2 runs, too few for an interval) |"} {
		if !strings.Contains(table, want) {
			t.Errorf("table:\n%s\nwant it to contain %q", table, want)
		}
	}
	// Six runs give an interval.
	six := "pkg-dir: ./lib/w\n"
	for _, v := range []string{"0.35", "0.36", "0.34", "0.37", "0.355", "0.365"} {
		six += "BenchmarkK-2 \t 200\t 3565282 ns/op\t " + v + " ns-per-square\n"
	}
	table6, err := renderTable([]row{{"./lib/w", "BenchmarkK", "ns-per-square", "a square"}}, parseResults([]byte(six), 2), env, "f")
	if err != nil || !strings.Contains(table6, "| a square | `w` | 0.357 ns-per-square (0.34 – 0.37) |") {
		t.Errorf("table of six runs:\n%s (%v)\nwant the median 0.357 with the interval 0.34 – 0.37", table6, err)
	}
	if _, err := renderTable([]row{{"./lib/w", "BenchmarkMissing", "ns/op", "x"}}, res, env, "f"); err == nil {
		t.Error("a benchmark that reported nothing gave no error")
	}
}

func TestReplaceBetween(t *testing.T) {
	got, err := replaceBetween("a\n"+beginMarker+"\nold\n"+endMarker+"\nb\n", "new\n")
	if want := "a\n" + beginMarker + "\nnew\n" + endMarker + "\nb\n"; err != nil || got != want {
		t.Errorf("replaceBetween = %q, %v; want %q", got, err, want)
	}
	if _, err := replaceBetween("no markers", "x"); err == nil {
		t.Error("replaceBetween without markers gave no error")
	}
}

func TestRunFlags(t *testing.T) {
	var out, errs strings.Builder
	if code := run([]string{"-count", "3"}, &out, &errs); code != 2 || !strings.Contains(errs.String(), "-count = 3 is not allowed") {
		t.Errorf("run(-count 3) = %d, %q; want 2 and a sentence", code, errs.String())
	}
}
