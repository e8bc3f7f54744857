package main

import (
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"strings"
)

// A Failure is one thing wrong with one notebook: Cell is the index of the cell in the notebook (markdown
// cells count, from 0), or -1 when the failure is about the notebook as a whole. It prints the cell as a
// person counts it in the page: "cell 3" is the third cell from the top.
type Failure struct {
	Notebook string
	Cell     int
	Source   string // first line of the cell's source
	Text     string // the offending text
}

func (f Failure) String() string {
	if f.Cell < 0 {
		return fmt.Sprintf("%s: %s", f.Notebook, f.Text)
	}
	return fmt.Sprintf("%s: cell %d (%q): %s", f.Notebook, f.Cell+1, f.Source, f.Text)
}

// badText lists what may never appear in the output of a notebook cell.
var badText = []string{
	"panic:",
	"fatal error:",
	"WARNING: DATA RACE",
	"exit status",
	"signal: interrupt", // GoNB's word for a cell stopped by Interrupt (nbconvert's per-cell timeout)
	"signal: killed",
}

// chartErrorRE finds lib/chart's rendering error box (its CSS, if ever emitted, does not match).
var chartErrorRE = regexp.MustCompile(`class="[^"]*\bparlab-error\b[^"]*"[^>]*>`)

// notebook is the part of nbformat 4 that the scan reads.
type notebook struct {
	Cells []cell `json:"cells"`
}

type cell struct {
	Type     string          `json:"cell_type"`
	Source   multiline       `json:"source"`
	Metadata cellMetadata    `json:"metadata"`
	Outputs  []output        `json:"outputs"`
	Count    json.RawMessage `json:"execution_count"`
}

type cellMetadata struct {
	Tags []string `json:"tags"`
}

type output struct {
	Type   string               `json:"output_type"`
	Name   string               `json:"name"`
	Text   multiline            `json:"text"`
	Data   map[string]multiline `json:"data"`
	EName  string               `json:"ename"`
	EValue string               `json:"evalue"`
}

// multiline is nbformat's text: a string or a list of lines.
type multiline string

func (m *multiline) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*m = multiline(s)
		return nil
	}
	var lines []string
	if err := json.Unmarshal(b, &lines); err != nil {
		// Non-text data (a JSON mime bundle, say) is not scanned.
		*m = ""
		return nil
	}
	*m = multiline(strings.Join(lines, ""))
	return nil
}

// parseNotebook decodes an .ipynb file's bytes.
func parseNotebook(b []byte) (notebook, error) {
	var nb notebook
	if err := json.Unmarshal(b, &nb); err != nil {
		return nb, fmt.Errorf("not an nbformat 4 notebook: %v", err)
	}
	return nb, nil
}

// scanNotebook returns one Failure per cell whose outputs show an error (at most one per cell: the first
// offending text, with the compiler's messages when there are any).
func scanNotebook(name string, nb notebook) []Failure {
	var fails []Failure
	for i, c := range nb.Cells {
		if c.Type != "code" || hasTag(c, "raises-exception") {
			continue
		}
		expectRace := hasTag(c, "expect-race")
		expectDeadlock := hasTag(c, "expect-deadlock")
		text, bad := scanOutputs(c.Outputs, expectRace, expectDeadlock)
		if !bad && expectRace && !mentions(c.Outputs, "WARNING: DATA RACE") {
			text, bad = "the cell is tagged expect-race but the race detector reported no race (is %goflags -race set?)", true
		}
		if !bad && expectDeadlock && !mentions(c.Outputs, deadlockReport) {
			text, bad = "the cell is tagged expect-deadlock but shows no \""+deadlockReport+"\" report", true
		}
		if !bad && showRE.MatchString(string(c.Source)) && !hasChart(c.Outputs) && !hasPicture(c.Outputs) {
			text, bad = "the cell calls chart.Show but its output holds no chart", true
		}
		if bad {
			fails = append(fails, Failure{Notebook: name, Cell: i, Source: firstLine(string(c.Source)), Text: text})
		}
	}
	return fails
}

// showRE finds a call of chart.Show in a cell's source.
var showRE = regexp.MustCompile(`\bchart\.Show\(`)

// hasPicture reports whether outputs hold a picture shown by lib/chart (chart.Picture).
func hasPicture(outs []output) bool {
	for _, o := range outs {
		if strings.Contains(string(o.Data["text/html"]), `class="parlab-picture"`) {
			return true
		}
	}
	return false
}

// hasChart reports whether outputs hold a chart drawn by lib/chart.
func hasChart(outs []output) bool {
	for _, o := range outs {
		if strings.Contains(string(o.Data["text/html"]), `class="parlab-chart"`) {
			return true
		}
	}
	return false
}

// unexecuted returns the index of the first code cell that has no execution count, or -1.
func unexecuted(nb notebook) int {
	for i, c := range nb.Cells {
		if c.Type == "code" && strings.TrimSpace(string(c.Source)) != "" &&
			(len(c.Count) == 0 || string(c.Count) == "null") {
			return i
		}
	}
	return -1
}

// deadlockReport is the line with which Go's runtime reports that every goroutine is blocked.
const deadlockReport = "fatal error: all goroutines are asleep - deadlock!"

// scanOutputs reports the first offending text in a cell's outputs.
// In a cell tagged expect-race (a lesson showing the race detector), the detector's report and its exit
// status 66 are expected; in a cell tagged expect-deadlock (a lesson showing the runtime's deadlock
// report, from a child process the cell ran), the report's first line is; anything else is still an
// error.
func scanOutputs(outs []output, expectRace, expectDeadlock bool) (string, bool) {
	var found []string
	for _, o := range outs {
		if o.Type == "error" && !(expectRace && raceLine(o.EValue)) {
			found = append(found, strings.TrimSpace("error output: "+o.EName+": "+o.EValue))
		}
		for _, text := range outputTexts(o) {
			if line, ok := badLine(text, expectRace, expectDeadlock); ok {
				found = append(found, line)
			}
		}
	}
	if len(found) == 0 {
		return "", false
	}
	if msgs := compilerMessages(outs); len(msgs) > 0 {
		return "does not compile: " + strings.Join(msgs, "; "), true
	}
	return found[0], true
}

// outputTexts returns the texts of one output that are scanned: streams, text/plain and text/html.
func outputTexts(o output) []string {
	var texts []string
	if o.Text != "" {
		texts = append(texts, string(o.Text))
	}
	for _, mime := range []string{"text/plain", "text/html"} {
		if s := o.Data[mime]; s != "" {
			texts = append(texts, string(s))
		}
	}
	return texts
}

// badLine returns the first line of text holding one of badText, or the message of a chart error box,
// trimmed to a readable length.
func badLine(text string, expectRace, expectDeadlock bool) (string, bool) {
	if loc := chartErrorRE.FindStringIndex(text); loc != nil {
		msg := text[loc[1]:]
		if end := strings.Index(msg, "</div>"); end >= 0 {
			msg = msg[:end]
		}
		return "chart error: " + shorten(strings.Join(strings.Fields(stripTags(msg)), " "), 200), true
	}
	for _, line := range strings.Split(text, "\n") {
		if expectRace && raceLine(line) || expectDeadlock && strings.Contains(line, deadlockReport) {
			continue
		}
		for _, bad := range badText {
			if strings.Contains(line, bad) {
				return shorten(strings.TrimSpace(line), 200), true
			}
		}
	}
	return "", false
}

// raceLine reports whether line is part of the race detector's report or its exit status.
func raceLine(line string) bool {
	return strings.Contains(line, "WARNING: DATA RACE") || raceFoundRE.MatchString(line) ||
		strings.Contains(line, "exit status 66")
}

// mentions reports whether any text of outs contains s.
func mentions(outs []output, s string) bool {
	for _, o := range outs {
		for _, text := range outputTexts(o) {
			if strings.Contains(text, s) {
				return true
			}
		}
	}
	return false
}

var (
	raceFoundRE = regexp.MustCompile(`Found \d+ data race`)
	tagRE       = regexp.MustCompile(`<[^>]*>`)
	compilerRE  = regexp.MustCompile(`Cell\[\d+\]: Line (\d+)\s+\S+\.go:\d+:\d+:\s*(.*)`)
)

// compilerMessages extracts up to three Go compiler messages from GoNB's HTML error report, where they
// read "Cell[2]: Line 3 ./main.go:12:1: msg" (GoNB's Cell[2] is an execution count, not the cell's place in
// the notebook), and returns them as "line 3: msg".
func compilerMessages(outs []output) []string {
	var msgs []string
	for _, o := range outs {
		h := string(o.Data["text/html"])
		if !strings.Contains(h, "gonb-err-location") {
			continue
		}
		for _, line := range strings.Split(stripTags(h), "\n") {
			if m := compilerRE.FindStringSubmatch(line); m != nil && m[2] != "" && len(msgs) < 3 {
				msgs = append(msgs, "line "+m[1]+": "+strings.TrimSpace(m[2]))
			}
		}
	}
	return msgs
}

func stripTags(s string) string {
	// Block elements end a line of text, so a message never runs into the next one.
	s = strings.ReplaceAll(s, "<div", "\n<div")
	return html.UnescapeString(tagRE.ReplaceAllString(s, ""))
}

func hasTag(c cell, tag string) bool {
	for _, t := range c.Metadata.Tags {
		if t == tag {
			return true
		}
	}
	return false
}

// firstLine returns the first line of a cell's source, skipping blank lines and GoNB's "%%" (which starts
// most cells and tells a reader nothing).
func firstLine(s string) string {
	for _, line := range strings.Split(s, "\n") {
		if t := strings.TrimSpace(line); t != "" && t != "%%" {
			return shorten(t, 80)
		}
	}
	return ""
}

func shorten(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
