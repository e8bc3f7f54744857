package main

import "testing"

func TestRunUsage(t *testing.T) {
	for _, args := range [][]string{
		{"-learners", "1"},
		{"-learners", "11"},
		{"-timeout", "10s"},
		{"-cell-timeout", "1s"},
		{"-notebook", "notebooks/no-such.ipynb"},
		{"-root", "/"},
		{"stray"},
		{"-bogus"},
	} {
		if code := run(args); code != 2 {
			t.Errorf("run(%q) = %d, want 2 (bad usage)", args, code)
		}
	}
}
