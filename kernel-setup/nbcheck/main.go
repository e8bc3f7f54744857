package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

// run is main without os.Exit: 0 when every check passed, 1 when one failed, 2 for bad usage.
func run(args []string) int {
	fs := flag.NewFlagSet("nbcheck", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: go run ./kernel-setup/nbcheck [flags] [notebook.ipynb ...]\n\n"+
			"Executes every notebook (default: notebooks/*.ipynb) through the GoNB kernel, then checks its charts\n"+
			"in headless Chromium. Flags:\n")
		fs.PrintDefaults()
	}
	root := fs.String("root", "", "repository root (default: the parlab checkout containing the working directory)")
	cellTimeout := fs.Duration("cell-timeout", 120*time.Second, "per-cell timeout for headless execution")
	nbTimeout := fs.Duration("notebook-timeout", 15*time.Minute, "hard limit for one notebook's headless execution")
	budget := fs.Duration("budget", 90*time.Second, "warn when one notebook's headless execution takes longer than this")
	quick := fs.Bool("quick", false, "run notebooks in quick mode (PARLAB_QUICK=1)")
	browser := fs.Bool("browser", true, "run the browser check after execution")
	browserTimeout := fs.Duration("browser-timeout", 5*time.Minute, "limit for running one notebook's cells in the browser")
	jupyter := fs.String("jupyter", defaultTool("jupyter", "/usr/bin/jupyter"), "jupyter command")
	python := fs.String("python", defaultTool("python3", "/usr/bin/python3"), "python3 with nbformat (to sign executed notebooks)")
	chromium := fs.String("chromium", defaultTool("chromium", "/usr/bin/chromium"), "Chromium or Chrome binary")
	first := fs.Bool("first-chart", false, "instead of checking notebooks, measure fresh clone → first chart: `make lab` in a clone of HEAD with an empty Go build cache, notebook 00 run in Chromium until its first chart draws")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *root == "" {
		wd, _ := os.Getwd()
		r, err := findRoot(wd)
		if err != nil {
			fmt.Fprintln(os.Stderr, "nbcheck:", err)
			return 2
		}
		*root = r
	}
	if *first {
		defer handleInterrupts()()
		t, err := firstChart(*root, *chromium, 10*time.Minute)
		if err != nil {
			fmt.Fprintln(os.Stderr, "nbcheck: first chart:", err)
			return 1
		}
		fmt.Println("nbcheck:", t)
		return 0
	}
	cfg := config{root: *root, jupyter: *jupyter, python: *python, cellTimeout: *cellTimeout,
		nbTimeout: *nbTimeout, quick: *quick, out: filepath.Join(*root, "build")}
	if err := checkSetup(cfg.root, cfg.jupyter); err != nil {
		fmt.Fprintln(os.Stderr, "nbcheck:", err)
		return 2
	}
	if _, err := exec.LookPath(cfg.python); err != nil {
		fmt.Fprintf(os.Stderr, "nbcheck: %s (a python3 with nbformat, to sign executed notebooks) is missing: pass -python\n", cfg.python)
		return 2
	}
	if _, err := exec.LookPath(*chromium); err != nil && *browser {
		fmt.Fprintf(os.Stderr, "nbcheck: Chromium is not installed (looked for %s): install it (Debian: apt-get install chromium), pass -chromium, or -browser=false\n", *chromium)
		return 2
	}
	paths, err := listNotebooks(cfg.root, fs.Args())
	if err != nil {
		fmt.Fprintln(os.Stderr, "nbcheck:", err)
		return 2
	}

	defer handleInterrupts()()
	start := time.Now()
	fmt.Printf("nbcheck: executing %d notebook(s) through GoNB (per-cell timeout %v, quick=%v)\n", len(paths), cfg.cellTimeout, cfg.quick)
	var fails []Failure
	var warnings []string
	var done []executed
	for _, p := range paths {
		res := execute(cfg, p)
		report("execute", res.name, res.took, "", res.fails)
		if res.took > *budget {
			w := fmt.Sprintf("%s took %.0f s to execute, over its %.0f s budget", res.name, res.took.Seconds(), budget.Seconds())
			fmt.Println("       warning:", w)
			warnings = append(warnings, w)
		}
		fails = append(fails, res.fails...)
		done = append(done, res)
	}
	if *browser {
		bcfg := browserConfig{config: cfg, chromium: *chromium, runTimeout: *browserTimeout}
		fails = append(fails, browserCheck(bcfg, done)...)
	}
	if names := reapLeftovers(allMarkers(), 5*time.Second); len(names) > 0 {
		fails = append(fails, Failure{Notebook: "nbcheck", Cell: -1,
			Text: fmt.Sprintf("%d process(es) started for Jupyter were still running after the checks (%s): killed", len(names), strings.Join(names, ", "))})
	}
	return summary(fails, warnings, time.Since(start))
}

// report prints one line per notebook and stage, and the failures indented below it.
func report(stage, name string, took time.Duration, detail string, fails []Failure) {
	if interrupted.Load() {
		return
	}
	status := "ok  "
	if len(fails) > 0 {
		status = "FAIL"
	}
	fmt.Printf("%s %-8s %-32s %6.1f s  %s\n", status, stage, name, took.Seconds(), detail)
	for _, f := range fails {
		fmt.Printf("       %s\n", f)
	}
}

// summary prints what failed and returns the exit status.
func summary(fails []Failure, warnings []string, took time.Duration) int {
	for _, w := range warnings {
		fmt.Println("nbcheck: warning:", w)
	}
	fmt.Println("nbcheck: executed notebooks and logs in build/executed, HTML exports in build/html, screenshots in build/screenshots")
	if len(fails) == 0 {
		fmt.Printf("nbcheck: PASS (%.0f s)\n", took.Seconds())
		return 0
	}
	fmt.Printf("nbcheck: FAIL (%.0f s): %d problem(s)\n", took.Seconds(), len(fails))
	for _, f := range fails {
		fmt.Printf("  - %s\n", f)
	}
	return 1
}
