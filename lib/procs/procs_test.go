package procs

import (
	"math"
	"runtime"
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	cases := []struct {
		n    int
		want string // "" means allowed
	}{
		{1, ""},
		{runtime.NumCPU(), ""},
		{Limit(), ""},
		{0, "want at least 1"},
		{-1, "want at least 1"},
		{math.MinInt, "want at least 1"},
		{Limit() + 1, "want at most"},
		{1 << 31, "want at most"},
		{1<<32 + 1, "want at most"},
		{math.MaxInt, "want at most"},
	}
	for _, c := range cases {
		err := Validate("procs", c.n)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("Validate(%d) = %v, want nil", c.n, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "procs = ")):
			t.Errorf("Validate(%d) = %v, want an error naming procs and containing %q", c.n, err, c.want)
		}
	}
	if Limit() < minLimit || Limit() < 4*runtime.NumCPU() {
		t.Errorf("Limit() = %d, want at least %d and 4 × NumCPU = %d", Limit(), minLimit, 4*runtime.NumCPU())
	}
}

func TestSetRestores(t *testing.T) {
	before := runtime.GOMAXPROCS(0)
	restore, err := Set("procs", 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := runtime.GOMAXPROCS(0); got != 1 {
		t.Errorf("after Set(1), GOMAXPROCS = %d, want 1", got)
	}
	restore()
	if got := runtime.GOMAXPROCS(0); got != before {
		t.Errorf("after restore, GOMAXPROCS = %d, want %d as before", got, before)
	}
}

func TestSetZeroAndInvalid(t *testing.T) {
	before := runtime.GOMAXPROCS(0)
	restore, err := Set("procs", 0)
	if err != nil {
		t.Fatal(err)
	}
	restore()
	if _, err := Set("procs", 1<<31); err == nil {
		t.Error("Set(2³¹) = nil error, want an error")
	}
	if got := runtime.GOMAXPROCS(0); got != before {
		t.Errorf("GOMAXPROCS = %d after Set(0) and a refused Set, want %d unchanged", got, before)
	}
}

func TestSetKeepsAnExplicitValue(t *testing.T) {
	if runtime.NumCPU() < 2 {
		t.Skip("needs 2 logical CPUs to set a value other than the default")
	}
	t.Setenv("GOMAXPROCS", "1") // as if the program was started with GOMAXPROCS=1
	outer := runtime.GOMAXPROCS(1)
	defer reset(outer)
	r, err := Set("procs", 2)
	if err != nil {
		t.Fatal(err)
	}
	r()
	if got := runtime.GOMAXPROCS(0); got != 1 {
		t.Errorf("with GOMAXPROCS=1 in the environment, restore gave %d, want 1", got)
	}
}
