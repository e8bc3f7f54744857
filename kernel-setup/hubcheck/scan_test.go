package main

import (
	"testing"
)

func TestProblem(t *testing.T) {
	html := func(s string) map[string]any {
		return map[string]any{"output_type": "display_data", "data": map[string]any{"text/html": s}}
	}
	stream := func(s string) map[string]any {
		return map[string]any{"output_type": "stream", "name": "stderr", "text": s}
	}
	tests := []struct {
		name string
		tags []string
		r    result
		want string
	}{
		{"clean", nil, result{Status: "ok", Outputs: []map[string]any{html("<b>ok</b>"), stream("fine\n")}}, ""},
		{"panic", nil, result{Status: "ok", Outputs: []map[string]any{stream("x\npanic: runtime error: index out of range\n")}}, "panic: runtime error: index out of range"},
		{"exit status", nil, result{Status: "ok", Outputs: []map[string]any{stream("exit status 2\n")}}, "exit status 2"},
		{"error output", nil, result{Status: "error", Outputs: []map[string]any{{"output_type": "error", "ename": "ERROR", "evalue": "failed to run"}}}, "error output: ERROR: failed to run"},
		{"chart error box", nil, result{Status: "ok", Outputs: []map[string]any{html(`<div class="parlab-error">no data</div>`)}}, "lib/chart drew its error box instead of a chart"},
		{"reply error without output", nil, result{Status: "error"}, "the kernel replied error"},
		{"raises-exception", []string{"raises-exception"}, result{Status: "error", Outputs: []map[string]any{stream("panic: on purpose\n")}}, ""},
		{"expect-race", []string{"expect-race"}, result{Status: "ok", Outputs: []map[string]any{stream("WARNING: DATA RACE\nFound 1 data race(s)\nexit status 66\n")}}, ""},
		{"expect-race, other panic", []string{"expect-race"}, result{Status: "ok", Outputs: []map[string]any{stream("WARNING: DATA RACE\npanic: boom\n")}}, "panic: boom"},
	}
	for _, tt := range tests {
		if got := problem(codeCell{tags: tt.tags}, tt.r); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestCodeCells(t *testing.T) {
	nb := map[string]any{"cells": []any{
		map[string]any{"cell_type": "markdown", "source": "# title"},
		map[string]any{"cell_type": "code", "source": []any{"var x = 1\n", "var y = 2"}, "metadata": map[string]any{"tags": []any{"parameters"}}},
		map[string]any{"cell_type": "code", "source": "  \n"},
		map[string]any{"cell_type": "code", "source": "%%\nfmt.Println(x)"},
	}}
	got, err := codeCells(nb)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].index != 1 || got[0].source != "var x = 1\nvar y = 2" || !got[0].has("parameters") ||
		got[1].index != 3 || got[1].firstLine() != "fmt.Println(x)" {
		t.Errorf("got %+v; want cells 1 (parameters, joined source) and 3 (first line without %%%%)", got)
	}
	if _, err := codeCells(map[string]any{}); err == nil {
		t.Error("a notebook without cells: got no error")
	}
}

func TestProbed(t *testing.T) {
	r := result{Outputs: []map[string]any{{"output_type": "stream", "name": "stdout",
		"text": []any{"hubcheck HOME=/h/ann\n", "hubcheck USER=ann\n", "noise\n", "hubcheck STATUS={\"learners\":3}\n"}}}}
	got := probed(r)
	if got["HOME"] != "/h/ann" || got["USER"] != "ann" || got["STATUS"] != `{"learners":3}` || len(got) != 3 {
		t.Errorf("got %v", got)
	}
}
