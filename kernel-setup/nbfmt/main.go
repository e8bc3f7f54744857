// Command nbfmt rewrites notebooks so that every line of every cell is indented with four spaces per level
// instead of tabs. Classic Notebook draws a tab as a visible arrow and inserts spaces when the learner
// presses Tab, so cells indented with tabs look broken and end up mixed; GoNB compiles both the same.
//
//	go run ./kernel-setup/nbfmt notebooks/*.ipynb          rewrite in place
//	go run ./kernel-setup/nbfmt -l notebooks/*.ipynb       only list the notebooks that need it (exit 1 if any)
//
// Only leading tabs are replaced, and the file is edited as text, so the rest of the notebook (its JSON
// layout, ids, metadata) stays byte for byte as it was. make test runs the same test through nbcheck.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/parlab/parlab/kernel-setup/nbfmt/indent"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("nbfmt", flag.ContinueOnError)
	fs.SetOutput(stderr)
	list := fs.Bool("l", false, "list notebooks whose cells are indented with tabs, change nothing (exit status 1 if any)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "nbfmt: name the notebooks to format, e.g. go run ./kernel-setup/nbfmt notebooks/*.ipynb")
		return 2
	}
	status := 0
	for _, path := range fs.Args() {
		b, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(stderr, "nbfmt:", err)
			return 2
		}
		out, n := indent.Spaces(b)
		if n == 0 {
			continue
		}
		if *list {
			fmt.Fprintf(stdout, "%s: %d lines indented with tabs\n", path, n)
			status = 1
			continue
		}
		if err := os.WriteFile(path, out, 0o644); err != nil {
			fmt.Fprintln(stderr, "nbfmt:", err)
			return 2
		}
		fmt.Fprintf(stdout, "%s: %d lines re-indented\n", path, n)
	}
	return status
}
