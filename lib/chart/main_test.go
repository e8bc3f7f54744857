package chart

import (
	"encoding/json"
	"strings"
	"testing"

	"go.uber.org/goleak"
)

// The chart builders start no goroutines, but some fit models (gonum's optimizer) and the browser tests do:
// none may outlive a test.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// optionJSON parses a builder's option as JSON once its JavaScript functions are replaced by strings:
// the shared whisker renderer and the functions given (tooltips, formatters).
func optionJSON(t *testing.T, option string, funcs ...string) map[string]any {
	t.Helper()
	pairs := []string{whiskerJS, `"whisker"`}
	for _, f := range funcs {
		pairs = append(pairs, f, `"function"`)
	}
	js := strings.NewReplacer(pairs...).Replace(option)
	var m map[string]any
	if err := json.Unmarshal([]byte(js), &m); err != nil {
		t.Fatalf("option does not parse as JSON once its functions are taken out: %v\n%s", err, js)
	}
	return m
}
