package chart

import (
	"strings"
	"testing"

	"github.com/parlab/parlab/lib/sim"
)

func TestScenarios(t *testing.T) {
	one, err := sim.Baristas(1, 4)
	if err != nil {
		t.Fatal(err)
	}
	two, err := sim.Baristas(2, 4)
	if err != nil {
		t.Fatal(err)
	}
	fig, err := Scenarios("one barista vs two", one, two)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"one barista vs two", "1 barista, 4 customers — simulated", "2 baristas, 4 customers — simulated", "time since start (s)"} {
		if !strings.Contains(fig.Title+fig.Option, want) {
			t.Errorf("the figure does not contain %q", want)
		}
	}
	if _, err := Scenarios("none"); err == nil {
		t.Errorf("Scenarios with no scenarios: got no error; want one")
	}
	bad := one
	bad.Config.Cores = 0
	if _, err := Scenarios("bad", bad); err == nil || !strings.Contains(err.Error(), "1 barista, 4 customers") {
		t.Errorf("Scenarios with 0 cores: got %v; want an error naming the scenario", err)
	}
}
