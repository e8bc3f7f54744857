package workload

import (
	"slices"
	"strings"
	"testing"
)

// Every standard task is named "<kind>, <sizes>", so that Kind finds it at any size.
func TestStandard(t *testing.T) {
	t.Setenv(quickEnv, "1")
	tasks, err := Standard()
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, task := range tasks {
		kinds = append(kinds, Kind(task.Name()))
	}
	if !slices.Equal(kinds, StandardKinds()) {
		t.Errorf("the kinds of Standard() are %q; want StandardKinds() %q", kinds, StandardKinds())
	}
	for _, kind := range StandardKinds() {
		task, err := StandardTask(kind)
		if err != nil || Kind(task.Name()) != kind {
			t.Errorf("StandardTask(%q) = %v, %v", kind, task, err)
		}
	}
	for _, bad := range []string{"", "sum of cubes", "Sum of squares", "sum of squares, n=10"} {
		if _, err := StandardTask(bad); err == nil || !strings.Contains(err.Error(), "task") || !strings.Contains(err.Error(), `"Mandelbrot"`) {
			t.Errorf("StandardTask(%q) error %v; want one naming the task and the kinds there are", bad, err)
		}
	}
	for name, kind := range map[string]string{
		"sum of squares, n=100000000":                    "sum of squares",
		"HTTP GET, 40 requests, latency 5ms, capacity 8": "HTTP GET",
		"no sizes": "no sizes",
		"":         "",
	} {
		if got := Kind(name); got != kind {
			t.Errorf("Kind(%q) = %q; want %q", name, got, kind)
		}
	}
}
