package main

import (
	"os"
	"strings"
	"testing"
)

// nbJSON wraps code cells (JSON objects) into a notebook whose first cell is markdown.
func nbJSON(cells ...string) string {
	return `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [` +
		`{"cell_type": "markdown", "metadata": {}, "source": "# title"}, ` + strings.Join(cells, ", ") + `]}`
}

func TestScanNotebook(t *testing.T) {
	// Outputs as GoNB v0.11.4 writes them (copied from notebooks executed by nbconvert on this machine).
	tests := []struct {
		name string
		cell string
		want string // "" for a clean cell; else a substring of the failure's text
	}{
		{"clean", `{"cell_type": "code", "execution_count": 1, "metadata": {}, "source": ["%%\n", "fmt.Println(1)"],
			"outputs": [{"output_type": "stream", "name": "stdout", "text": ["1\n"]}]}`, ""},
		{"panic", `{"cell_type": "code", "execution_count": 2, "metadata": {}, "source": "%%\npanic(\"boom\")",
			"outputs": [{"output_type": "stream", "name": "stderr", "text": ["panic: boom\n", "\n", "goroutine 1 [running]:\n", "exit status 2\n"]},
			{"output_type": "error", "ename": "ERROR", "evalue": "exit status 2", "traceback": ["exit status 2"]}]}`, "panic: boom"},
		{"error output only", `{"cell_type": "code", "execution_count": 3, "metadata": {}, "source": "x",
			"outputs": [{"output_type": "error", "ename": "ERROR", "evalue": "something broke", "traceback": []}]}`, "ERROR: something broke"},
		{"race", `{"cell_type": "code", "execution_count": 4, "metadata": {}, "source": "x",
			"outputs": [{"output_type": "stream", "name": "stderr", "text": "==================\nWARNING: DATA RACE\nRead at 0x00c000018118 by goroutine 9:\n"}]}`, "WARNING: DATA RACE"},
		{"fatal", `{"cell_type": "code", "execution_count": 5, "metadata": {}, "source": "x",
			"outputs": [{"output_type": "stream", "name": "stderr", "text": "fatal error: all goroutines are asleep - deadlock!\n"}]}`, "fatal error: all goroutines"},
		{"interrupted", `{"cell_type": "code", "execution_count": 6, "metadata": {}, "source": "for {}",
			"outputs": [{"output_type": "stream", "name": "stderr", "text": ["signal: interrupt\n"]}]}`, "signal: interrupt"},
		{"compile", `{"cell_type": "code", "execution_count": 7, "metadata": {}, "source": "%%\nx := 1",
			"outputs": [{"output_type": "display_data", "metadata": {}, "data": {"text/html": ["<div class=\"gonb-err-hover-area\"><span class=\"gonb-cell-line-info\">Cell[1]: Line 2</span> <span class=\"gonb-err-location\">./main.go:10:1: </span></span>declared and not used: x<div class=\"gonb-err-context\">\n"]}},
			{"output_type": "error", "ename": "ERROR", "evalue": "failed to run \"go build\": exit status 1", "traceback": []}]}`, "does not compile: line 2: declared and not used: x"},
		{"chart error", `{"cell_type": "code", "execution_count": 8, "metadata": {}, "source": "chart.Show(f)",
			"outputs": [{"output_type": "display_data", "metadata": {}, "data": {"text/html": "<div class=\"parlab-error\" style=\"color:red\">chart: option is <b>empty</b></div>"}}]}`, "chart error: chart: option is empty"},
		{"chart error CSS is not an error", `{"cell_type": "code", "execution_count": 9, "metadata": {}, "source": "x",
			"outputs": [{"output_type": "display_data", "metadata": {}, "data": {"text/html": "<style>.parlab-error { color: red }</style>"}}]}`, ""},
		{"chart.Show without a chart", `{"cell_type": "code", "execution_count": 11, "metadata": {}, "source": "%%\nchart.Show(fig)",
			"outputs": [{"output_type": "display_data", "metadata": {}, "data": {"text/html": "<div>Charts ready</div>"}}]}`, "calls chart.Show but its output holds no chart"},
		{"chart.Show with a chart", `{"cell_type": "code", "execution_count": 12, "metadata": {}, "source": "%%\nchart.Show(fig)",
			"outputs": [{"output_type": "display_data", "metadata": {}, "data": {"text/html": "<div class=\"parlab-figure\"><div class=\"parlab-chart\"></div></div>"}}]}`, ""},
		{"expect-race with a race", `{"cell_type": "code", "execution_count": 13, "metadata": {"tags": ["expect-race"]}, "source": "x",
			"outputs": [{"output_type": "stream", "name": "stderr", "text": "==================\nWARNING: DATA RACE\nRead at 0x00c000018118 by goroutine 9:\n==================\nFound 1 data race(s)\nexit status 66\n"},
			{"output_type": "error", "ename": "ERROR", "evalue": "exit status 66", "traceback": []}]}`, ""},
		{"expect-race without a race", `{"cell_type": "code", "execution_count": 14, "metadata": {"tags": ["expect-race"]}, "source": "x",
			"outputs": [{"output_type": "stream", "name": "stdout", "text": "counter = 2000\n"}]}`, "tagged expect-race but the race detector reported no race"},
		{"expect-race with a panic", `{"cell_type": "code", "execution_count": 15, "metadata": {"tags": ["expect-race"]}, "source": "x",
			"outputs": [{"output_type": "stream", "name": "stderr", "text": "WARNING: DATA RACE\npanic: boom\nexit status 2\n"}]}`, "panic: boom"},
		{"expect-deadlock with the report", `{"cell_type": "code", "execution_count": 16, "metadata": {"tags": ["expect-deadlock"]}, "source": "x",
			"outputs": [{"output_type": "display_data", "metadata": {}, "data": {"text/html": "<pre>fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan send]:\n</pre>"}}]}`, ""},
		{"expect-deadlock without it", `{"cell_type": "code", "execution_count": 17, "metadata": {"tags": ["expect-deadlock"]}, "source": "x",
			"outputs": [{"output_type": "stream", "name": "stdout", "text": "nothing\n"}]}`, "tagged expect-deadlock but shows no"},
		{"expect-deadlock with another fatal error", `{"cell_type": "code", "execution_count": 18, "metadata": {"tags": ["expect-deadlock"]}, "source": "x",
			"outputs": [{"output_type": "stream", "name": "stderr", "text": "fatal error: all goroutines are asleep - deadlock!\nfatal error: concurrent map writes\n"}]}`, "concurrent map writes"},
		{"raises-exception tag", `{"cell_type": "code", "execution_count": 10, "metadata": {"tags": ["raises-exception"]}, "source": "x",
			"outputs": [{"output_type": "stream", "name": "stderr", "text": "panic: on purpose\n"}]}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nb, err := parseNotebook([]byte(nbJSON(tt.cell)))
			if err != nil {
				t.Fatal(err)
			}
			fails := scanNotebook("nb", nb)
			if tt.want == "" {
				if len(fails) != 0 {
					t.Fatalf("got %v, want no failure", fails)
				}
				return
			}
			if len(fails) != 1 {
				t.Fatalf("got %d failures %v, want 1", len(fails), fails)
			}
			if f := fails[0]; f.Cell != 1 || !strings.Contains(f.Text, tt.want) {
				t.Errorf("got cell %d text %q, want cell 1 text containing %q", f.Cell, f.Text, tt.want)
			}
		})
	}
}

func TestFailureString(t *testing.T) {
	f := Failure{Notebook: "01-x", Cell: 2, Source: firstLine("%%\n\n// the loop\nfor {}"), Text: "panic: boom"}
	if got, want := f.String(), `01-x: cell 3 ("// the loop"): panic: boom`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	f = Failure{Notebook: "01-x", Cell: -1, Text: "nbconvert failed"}
	if got, want := f.String(), "01-x: nbconvert failed"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestUnexecuted(t *testing.T) {
	nb, err := parseNotebook([]byte(nbJSON(
		`{"cell_type": "code", "execution_count": 1, "metadata": {}, "source": "a", "outputs": []}`,
		`{"cell_type": "code", "execution_count": null, "metadata": {}, "source": "", "outputs": []}`,
		`{"cell_type": "code", "execution_count": null, "metadata": {}, "source": "b", "outputs": []}`)))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := unexecuted(nb), 3; got != want {
		t.Errorf("got %d, want %d", got, want)
	}
}

func TestLogTail(t *testing.T) {
	log := "[NbConvertApp] Converting notebook x.ipynb to notebook\n" +
		"I1122 00:02:16.985554   14859 main.go:187] noise\n" +
		"goroutine 1 [running]:\n\t/root/go/x.go:16\n" +
		"nbclient.exceptions.DeadKernelError: Kernel died\n"
	got := logTail([]byte(log), 5)
	want := "    [NbConvertApp] Converting notebook x.ipynb to notebook\n    nbclient.exceptions.DeadKernelError: Kernel died"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCheckSource(t *testing.T) {
	dir := t.TempDir()
	write := func(name, kernel, cell string) string {
		p := dir + "/" + name + ".ipynb"
		nb := `{"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "` + kernel + `"}}, "cells": [` + cell + `]}`
		if err := os.WriteFile(p, []byte(nb), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	clean := `{"cell_type": "code", "execution_count": null, "metadata": {}, "source": "x", "outputs": []}`
	tabbed := "{\"cell_type\": \"code\", \"execution_count\": null, \"metadata\": {}, \"outputs\": [], \"source\": [\n" +
		"    \"func f() {\\n\",\n    \"\\treturn\\n\",\n    \"}\"\n]}"
	saved := `{"cell_type": "code", "execution_count": 3, "metadata": {}, "source": "x", "outputs": [{"output_type": "stream", "name": "stdout", "text": "1"}]}`
	tests := []struct {
		name, kernel, cell, want string
	}{
		{"clean", "parlab", clean, ""},
		{"python", "python3", clean, `its metadata names kernel "python3", want "parlab"`},
		{"saved", "parlab", saved, `saved: cell 1 ("x"): is committed with outputs`},
		{"tabbed", "parlab", tabbed, "cell lines indented with tabs (1)"},
	}
	for _, tt := range tests {
		fails := checkSource(tt.name, write(tt.name, tt.kernel, tt.cell))
		switch {
		case tt.want == "" && len(fails) != 0:
			t.Errorf("%s: got %v, want no failure", tt.name, fails)
		case tt.want != "" && (len(fails) != 1 || !strings.Contains(fails[0].String(), tt.want)):
			t.Errorf("%s: got %v, want one failure containing %q", tt.name, fails, tt.want)
		}
	}
}

func TestCheckSetupMissing(t *testing.T) {
	err := checkSetup(t.TempDir(), "/usr/bin/jupyter")
	if err == nil || !strings.Contains(err.Error(), "GoNB kernel is not installed") || !strings.Contains(err.Error(), "make lab") {
		t.Errorf("got %v, want an error saying the GoNB kernel is not installed and to run make lab", err)
	}
}

func TestFindRoot(t *testing.T) {
	wd, _ := os.Getwd()
	root, err := findRoot(wd)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(root + "/kernel-setup/nbcheck"); err != nil {
		t.Errorf("got root %s without kernel-setup/nbcheck", root)
	}
	if _, err := findRoot(t.TempDir()); err == nil || !strings.Contains(err.Error(), "pass -root") {
		t.Errorf("got %v outside a checkout, want an error saying to pass -root", err)
	}
}
