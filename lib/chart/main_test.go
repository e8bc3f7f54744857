package chart

import (
	"encoding/json"
	"regexp"
	"testing"

	"go.uber.org/goleak"
)

// The builders start no goroutines, but the browser test does: none may outlive a test.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

var (
	idRE     = regexp.MustCompile(`parlab-[0-9a-f]{16}`)
	helperRE = regexp.MustCompile(`\bparlab(\.[A-Za-z]+)+`)
)

// optionJSON parses a figure's option as JSON once the helper functions it names (parlab.whisker, …)
// are replaced by their names in quotes.
func optionJSON(t *testing.T, fig Figure) map[string]any {
	t.Helper()
	opt, err := fig.Option()
	if err != nil {
		t.Fatal(err)
	}
	js := helperRE.ReplaceAllString(opt, `"$0"`)
	var m map[string]any
	if err := json.Unmarshal([]byte(js), &m); err != nil {
		t.Fatalf("option does not parse as JSON once its functions are named: %v\n%s", err, js)
	}
	return m
}

// series returns the option's series of a type ("" for all).
func series(m map[string]any, typ string) []map[string]any {
	var out []map[string]any
	for _, s := range m["series"].([]any) {
		s := s.(map[string]any)
		if typ == "" || s["type"] == typ {
			out = append(out, s)
		}
	}
	return out
}

// axis returns the i-th x or y axis of an option.
func axis(m map[string]any, which string, i int) map[string]any {
	return m[which].([]any)[i].(map[string]any)
}
