package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/parlab/parlab/kernel-setup/nbfmt/indent"
)

// checkSource checks a notebook as committed: it must name the parlab kernel (classic Notebook would
// otherwise ask which kernel to start), hold no outputs (they belong in build/, not in git), and indent its
// cells with spaces (classic Notebook shows a tab as an arrow and inserts spaces itself).
func checkSource(name, path string) []Failure {
	b, err := os.ReadFile(path)
	if err != nil {
		return []Failure{{Notebook: name, Cell: -1, Text: err.Error()}}
	}
	var meta struct {
		Metadata struct {
			Kernelspec struct {
				Name string `json:"name"`
			} `json:"kernelspec"`
		} `json:"metadata"`
	}
	if err := json.Unmarshal(b, &meta); err != nil {
		return []Failure{{Notebook: name, Cell: -1, Text: "not a notebook: " + err.Error()}}
	}
	nb, err := parseNotebook(b)
	if err != nil {
		return []Failure{{Notebook: name, Cell: -1, Text: err.Error()}}
	}
	var fails []Failure
	if k := meta.Metadata.Kernelspec.Name; k != "parlab" {
		fails = append(fails, Failure{Notebook: name, Cell: -1,
			Text: fmt.Sprintf("its metadata names kernel %q, want \"parlab\" (open it in Jupyter, pick Kernel → Change kernel → Go (parlab, GoNB …), save)", k)})
	}
	if _, n := indent.Spaces(b); n > 0 {
		fails = append(fails, Failure{Notebook: name, Cell: -1,
			Text: fmt.Sprintf("cell lines indented with tabs (%d), which classic Notebook shows as arrows: run go run ./kernel-setup/nbfmt %s", n, path)})
	}
	for i, c := range nb.Cells {
		if c.Type == "code" && (len(c.Outputs) > 0 || (len(c.Count) > 0 && string(c.Count) != "null")) {
			fails = append(fails, Failure{Notebook: name, Cell: i, Source: firstLine(string(c.Source)),
				Text: "is committed with outputs: clear them (Cell → All Output → Clear, then save) before committing"})
			break
		}
	}
	return fails
}

// hasOutputs reports whether the notebook at path holds any output (false if it cannot be read).
func hasOutputs(path string) bool {
	b, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	nb, err := parseNotebook(b)
	if err != nil {
		return false
	}
	for _, c := range nb.Cells {
		if len(c.Outputs) > 0 {
			return true
		}
	}
	return false
}
