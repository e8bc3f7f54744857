package racy

import (
	"context"
	"strings"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// Tests in this file never execute racy code, so they run with and without -race.

func TestBadConfig(t *testing.T) {
	cases := []struct {
		cfg  Config
		want string
	}{
		{Config{Runs: -1}, "Runs is -1; want 1 to 100000"},
		{Config{Goroutines: -2}, "Goroutines is -2; want 1 to 10000"},
		{Config{Goroutines: maxGoroutines + 1}, "Goroutines is 10001"},
		{Config{Runs: maxRuns + 1, Each: 1}, "Runs is 100001"},
		{Config{Procs: 1 << 31}, "Procs (GOMAXPROCS) = 2147483648 is not allowed"},
		{Config{Procs: 1<<32 + 1}, "Procs (GOMAXPROCS) = 4294967297 is not allowed"},
		{Config{Each: -5}, "Each is -5"},
		{Config{Procs: -1}, "Procs (GOMAXPROCS) is -1"},
		{Config{Runs: 1000, Goroutines: 1000, Each: 1_000_000}, "make one smaller"},
	}
	for _, tc := range cases {
		res, err := LostUpdates(context.Background(), tc.cfg)
		if err == nil || !strings.Contains(err.Error(), tc.want) || len(res.Lost) != 0 {
			t.Errorf("LostUpdates(%+v) = %d runs, %v; want no runs and an error containing %q", tc.cfg, len(res.Lost), err, tc.want)
		}
	}
}

func TestNewBankBadInput(t *testing.T) {
	if _, err := NewBank(1, 10); err == nil || !strings.Contains(err.Error(), "accounts is 1") {
		t.Errorf("NewBank(1, 10) error = %v; want one about accounts", err)
	}
	b, err := NewBank(2, 10)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Transfer(0, 5, 1); err == nil || !strings.Contains(err.Error(), "to=5 does not exist") {
		t.Errorf("Transfer(0, 5, 1) = %v; want an error about account 5", err)
	}
}

func TestDetectorReport(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program with -race (about 2 s)")
	}
	report, err := DetectorReport(context.Background())
	if err != nil {
		t.Fatalf("DetectorReport: %v\n%s", err, report)
	}
	for _, want := range []string{"WARNING: DATA RACE", "main.go:14", "exit status 66"} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q:\n%s", want, report)
		}
	}
}
