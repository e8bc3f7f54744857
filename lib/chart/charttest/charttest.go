// Package charttest checks a chart.Figure the way a page would run it, without a browser: it evaluates
// parlab's chart runtime and the figure's script in Node.js with a stub page and a stub ECharts, calls every custom series'
// renderItem and the tooltips, and returns what it saw. Tests of figures use it; it skips the test when
// node is not installed.
package charttest

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/parlab/parlab/lib/chart"
)

//go:embed harness.js
var harness string

// Result is what the page saw.
type Result struct {
	// Option is the option the figure's script passed to ECharts, functions replaced by "function".
	Option map[string]any `json:"option"`
	// Update is the option a Script set after the first one (a slider's redraw), or nil.
	Update map[string]any `json:"update"`
	// Rendered counts renderItem calls that drew something; Errors lists those that did not.
	Rendered int      `json:"rendered"`
	Errors   []string `json:"errors"`
	// Tips are the tooltips of each series' first item, and the zoom's label for 1.5.
	Tips []string `json:"tips"`
	// Readout is the sliders' readout text after every slider's input handler ran once.
	Readout string `json:"readout"`
}

// Eval runs fig's script in node. slider is the value every slider input reports ("" for 0.1).
func Eval(t testing.TB, fig chart.Figure, slider string) Result {
	t.Helper()
	var r Result
	run(t, fig, []string{"SLIDER=" + slider}, &r)
	for _, e := range r.Errors {
		t.Errorf("figure %q: %s", fig.Title, e)
	}
	return r
}

// Render draws fig with ECharts itself (server-side, in node, at 900 px wide) and returns the SVG. It
// skips the test when node or the pinned echarts.min.js is missing.
func Render(t testing.TB, fig chart.Figure) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	lib := filepath.Join(filepath.Dir(file), "..", "..", "..", "kernel-setup", "echarts", "echarts.min.js")
	if _, err := os.Stat(lib); err != nil {
		t.Skipf("ECharts is not installed (%v): run make setup", err)
	}
	h := fig.Height
	if h == 0 {
		h = 400
	}
	var r struct {
		SVG    string   `json:"svg"`
		Errors []string `json:"errors"`
	}
	run(t, fig, []string{"ECHARTS=" + lib, fmt.Sprintf("HEIGHT=%d", h)}, &r)
	for _, e := range r.Errors {
		t.Errorf("figure %q: %s", fig.Title, e)
	}
	if r.SVG == "" {
		t.Errorf("figure %q: ECharts drew no SVG", fig.Title)
	}
	return r.SVG
}

// run evaluates fig's page in node with the harness and env, and decodes what it printed into out.
func run(t testing.TB, fig chart.Figure, env []string, out any) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: cannot evaluate the figure's JavaScript")
	}
	var frag bytes.Buffer
	if err := chart.WritePage(&frag, "test", fig); err != nil {
		if strings.Contains(err.Error(), "is not installed") {
			t.Skipf("ECharts is not installed (%v): run make setup", err)
		}
		t.Fatalf("WritePage: %v", err)
	}
	dir := t.TempDir()
	page, js := filepath.Join(dir, "figure.html"), filepath.Join(dir, "harness.js")
	if err := os.WriteFile(page, frag.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(js, []byte(harness), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, js, page)
	cmd.Env = append(os.Environ(), env...)
	stdout, err := cmd.Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
			if len(msg) > 1500 { // a minified line of echarts.min.js can be megabytes long
				msg = "…" + msg[len(msg)-1500:]
			}
		}
		t.Fatalf("node could not run the figure %q: %v\n%s", fig.Title, err, msg)
	}
	if err := json.Unmarshal(stdout, out); err != nil {
		t.Fatalf("harness output: %v\n%s", err, stdout)
	}
}

var helperRE = regexp.MustCompile(`\bparlab(\.[A-Za-z]+)+`)

// OptionJSON returns fig's option parsed as JSON, once the functions it names (parlab.whisker, …) are
// replaced by their names in quotes. It needs neither node nor ECharts.
func OptionJSON(t testing.TB, fig chart.Figure) map[string]any {
	t.Helper()
	opt, err := fig.Option()
	if err != nil {
		t.Fatalf("figure %q: %v", fig.Title, err)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(helperRE.ReplaceAllString(opt, `"$0"`)), &m); err != nil {
		t.Fatalf("figure %q: the option does not parse as JSON once its functions are named: %v\n%s", fig.Title, err, opt)
	}
	return m
}

// Series returns the option's series of a type ("" for all).
func Series(m map[string]any, typ string) []map[string]any {
	var out []map[string]any
	list, _ := m["series"].([]any)
	for _, s := range list {
		s := s.(map[string]any)
		if typ == "" || s["type"] == typ {
			out = append(out, s)
		}
	}
	return out
}

// Titles returns the text and subtext of every title component, joined by newlines: the title, the
// subtitle, warnings and panel titles.
func Titles(m map[string]any) string {
	var all []any
	switch t := m["title"].(type) {
	case []any:
		all = t
	case map[string]any:
		all = []any{t}
	}
	var b strings.Builder
	for _, t := range all {
		t := t.(map[string]any)
		for _, k := range []string{"text", "subtext"} {
			if s, ok := t[k].(string); ok && s != "" {
				b.WriteString(s + "\n")
			}
		}
	}
	return b.String()
}

// Axis returns the i-th x or y axis ("xAxis", "yAxis") of an option.
func Axis(m map[string]any, which string, i int) map[string]any {
	return m[which].([]any)[i].(map[string]any)
}
