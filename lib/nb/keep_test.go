package nb

import (
	"strings"
	"testing"
)

func TestKeepRecall(t *testing.T) {
	t.Setenv(cacheEnv, t.TempDir())
	type prices struct {
		Spawn float64
		Names []string
	}
	var got prices
	if err := Recall("06-prices", &got); err == nil || !strings.Contains(err.Error(), "run the cell") {
		t.Errorf("Recall before Keep: %v", err)
	}
	want := prices{Spawn: 331.5, Names: []string{"a", "b"}}
	if err := Keep("06-prices", want); err != nil {
		t.Fatal(err)
	}
	if err := Keep("06-prices", prices{Spawn: 1}); err != nil { // replaced
		t.Fatal(err)
	}
	if err := Recall("06-prices", &got); err != nil || got.Spawn != 1 || got.Names != nil {
		t.Errorf("Recall = %+v, %v; want the last value kept", got, err)
	}
	for _, bad := range []string{"", "../x", "a/b", strings.Repeat("x", 65), ".hidden"} {
		if err := Keep(bad, 1); err == nil || !strings.Contains(err.Error(), "name") {
			t.Errorf("Keep(%q): %v", bad, err)
		}
	}
	if err := Keep("fn", func() {}); err == nil {
		t.Error("Keep of a func: no error")
	}
}

// TestClearCacheForgetsKept: ClearCache forgets kept values with the measurements (as its doc and
// Keep's say), and Recall then says which cell to run.
func TestClearCacheForgetsKept(t *testing.T) {
	t.Setenv(cacheEnv, t.TempDir())
	if err := Keep("06-prices", 331.5); err != nil {
		t.Fatal(err)
	}
	if err := ClearCache(); err != nil {
		t.Fatal(err)
	}
	var got float64
	if err := Recall("06-prices", &got); err == nil || !strings.Contains(err.Error(), "run the cell that measures it first") {
		t.Errorf("Recall after ClearCache = %v, %v; want an error saying to run the cell that measures it", got, err)
	}
}
