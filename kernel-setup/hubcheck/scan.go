package main

import (
	"fmt"
	"regexp"
	"strings"
)

// badText may never appear in a cell's output (as in nbcheck, which runs every notebook alone).
var badText = []string{
	"panic:",
	"fatal error:",
	"WARNING: DATA RACE",
	"exit status",
	"signal: interrupt", // GoNB's word for a cell stopped by Interrupt (hubcheck's per-cell timeout)
	"signal: killed",
}

// chartErrorRE finds lib/chart's rendering error box.
var chartErrorRE = regexp.MustCompile(`class="[^"]*\bparlab-error\b`)

// busyWarning starts the warning lib/bench's Env.Busy gives when the machine was busy.
const busyWarning = "The machine was busy"

// A codeCell is one code cell of the notebook: its place among all cells (from 0), source and tags.
type codeCell struct {
	index  int
	source string
	tags   []string
}

// codeCells returns the code cells of an nbformat 4 notebook decoded from JSON.
func codeCells(nb map[string]any) ([]codeCell, error) {
	cells, ok := nb["cells"].([]any)
	if !ok {
		return nil, fmt.Errorf("not an nbformat 4 notebook: no cells")
	}
	var out []codeCell
	for i, c := range cells {
		m, _ := c.(map[string]any)
		if m["cell_type"] != "code" {
			continue
		}
		src := text(m["source"])
		if strings.TrimSpace(src) == "" {
			continue
		}
		var tags []string
		if md, ok := m["metadata"].(map[string]any); ok {
			for _, t := range asList(md["tags"]) {
				if s, ok := t.(string); ok {
					tags = append(tags, s)
				}
			}
		}
		out = append(out, codeCell{index: i, source: src, tags: tags})
	}
	return out, nil
}

// text returns nbformat's multiline text (a string or a list of strings) as one string.
func text(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case []any:
		var b strings.Builder
		for _, s := range t {
			if str, ok := s.(string); ok {
				b.WriteString(str)
			}
		}
		return b.String()
	}
	return ""
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func (c codeCell) has(tag string) bool {
	for _, t := range c.tags {
		if t == tag {
			return true
		}
	}
	return false
}

// firstLine returns the cell's first line that says something (not blank, not GoNB's "%%").
func (c codeCell) firstLine() string {
	for _, line := range strings.Split(c.source, "\n") {
		if t := strings.TrimSpace(line); t != "" && t != "%%" {
			if r := []rune(t); len(r) > 70 {
				t = string(r[:69]) + "…"
			}
			return t
		}
	}
	return ""
}

// outputTexts returns the texts of outputs that are scanned: streams, errors, text/plain and text/html.
func outputTexts(outs []map[string]any) []string {
	var texts []string
	for _, o := range outs {
		if s := text(o["text"]); s != "" {
			texts = append(texts, s)
		}
		if o["output_type"] == "error" {
			texts = append(texts, fmt.Sprint(o["ename"], ": ", o["evalue"]))
		}
		if d, ok := o["data"].(map[string]any); ok {
			for _, mime := range []string{"text/plain", "text/html"} {
				if s := text(d[mime]); s != "" {
					texts = append(texts, s)
				}
			}
		}
	}
	return texts
}

// problem returns what is wrong with one cell's result, or "" when nothing is. A cell tagged
// raises-exception may fail; in one tagged expect-race the race detector's report is expected.
func problem(c codeCell, r result) string {
	if c.has("raises-exception") {
		return ""
	}
	expectRace := c.has("expect-race")
	for _, o := range r.Outputs {
		if o["output_type"] == "error" {
			return shorten(fmt.Sprint("error output: ", o["ename"], ": ", o["evalue"]))
		}
	}
	for _, t := range outputTexts(r.Outputs) {
		if chartErrorRE.MatchString(t) {
			return "lib/chart drew its error box instead of a chart"
		}
		for _, line := range strings.Split(t, "\n") {
			if expectRace && (strings.Contains(line, "DATA RACE") || strings.Contains(line, "exit status 66") ||
				strings.Contains(line, "data race")) {
				continue
			}
			for _, bad := range badText {
				if strings.Contains(line, bad) {
					return shorten(strings.TrimSpace(line))
				}
			}
		}
	}
	if r.Status != "ok" {
		return "the kernel replied " + r.Status
	}
	return ""
}

// mentions reports whether any output text holds s.
func mentions(outs []map[string]any, s string) bool {
	for _, t := range outputTexts(outs) {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

func shorten(s string) string {
	if r := []rune(s); len(r) > 200 {
		return string(r[:199]) + "…"
	}
	return s
}
