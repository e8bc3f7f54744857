// Command nbcheck proves that every parlab notebook runs and every chart draws. It is the notebook part of
// `make test`, run from the repository root after kernel-setup has installed Jupyter and GoNB in build/:
//
//	go run ./kernel-setup/nbcheck -quick            # every notebooks/*.ipynb
//	go run ./kernel-setup/nbcheck notebooks/01-x.ipynb
//
// # Stage 1: execute
//
// Each notebook is first checked as committed (kernel "parlab", no outputs), then run headless through
// `jupyter nbconvert --execute` with the parlab kernel (kernel-setup/kernel.sh: GoNB) and a per-cell timeout (-cell-timeout), one notebook at a
// time, into build/executed/<name>.ipynb (signed, so classic Notebook keeps its scripts; the nbconvert
// log beside it) and exported to build/html/<name>.html. nbconvert runs with --allow-errors and
// interrupt_on_timeout, so the executed notebook is always written with every output, and nbcheck scans
// every output of every cell for error outputs, "panic:", "fatal error:", "WARNING: DATA RACE", "exit
// status", "signal: interrupt" (GoNB's word for a cell stopped by the timeout) and lib/chart's
// class="parlab-error" box, and for cells that call chart.Show but show no chart. A failure names the
// notebook, the cell as a person counts it (from 1, markdown cells included) with the first line of its
// source, and the offending text; compile errors are quoted with their line in the cell. When the kernel
// dies, nbclient's DEBUG log names the cell it was running. A notebook slower than -budget (90 s) gets a
// warning.
//
// Three cell tags relax the scan. raises-exception (nbclient's tag): the cell may fail on purpose (but Run
// All in the browser stops at a failing cell). expect-race: a lesson showing the race detector; its report
// is expected and required, any other error still fails. Such a notebook should set
// `%env GORACE exitcode=0` next to `%goflags -race`, so the racy program exits 0 and Run All goes on.
// expect-deadlock: a lesson showing the runtime's deadlock report, which the cell got from a child
// process it ran (the cell itself exits normally); the line "fatal error: all goroutines are asleep -
// deadlock!" is expected and required, anything else still fails.
//
// # Stage 2: browser
//
// For every notebook that passed stage 1: a real `jupyter notebook` server on 127.0.0.1 with a random
// token, and headless Chromium driven by chromedp. Each notebook is opened and run with Cell → Run All,
// as a learner would, until the kernel is idle and every cell has run (or Run All stopped at an error, or
// the kernel died), bounded by -browser-timeout. Then every .parlab-chart must hold a canvas with at least
// 500 pixels unlike its background (read back with getImageData), at least as many charts as the executed
// notebook holds; no .parlab-noscript line may stay visible; every picture (chart.Picture) must show its
// image; the page must log no console.error, uncaught exception or dialog; the outputs, read back with
// Jupyter.notebook.toJSON(), must pass the stage-1 scan.
// A PNG of the whole notebook goes to build/screenshots/<name>.png (and the live outputs to
// <name>.live.ipynb). Then the HTML export is opened from file:// and its charts checked the same way
// (build/screenshots/<name>.html.png). Chromium resolves no host name but 127.0.0.1, and a request that
// fails for that reason is an error: nothing may come from a CDN. In the live notebook, the last cell
// with a chart is then edited (a comment) and run again: its chart must draw again, and the line reports
// how long that warm compile + run took.
//
// The notebooks in git must stay without outputs: the server runs with a contents manager that refuses
// every write (a pre_save_hook cannot refuse — the Notebook server logs its exception and saves anyway),
// keeps checkpoints in a temporary directory, and autosave is switched off in the page; afterwards nbcheck
// checks that the file holds no outputs. It never writes a notebook itself: people edit notebooks while
// checks run, and their edits must win.
//
// # Processes
//
// Every wait is bounded. Jupyter processes run in process groups of their own and carry a marker
// variable (NBCHECK_RUN) that their kernels, gopls and cell programs inherit; after each nbconvert run,
// when the server stops, at the end and on SIGINT/SIGTERM, nbcheck kills whatever still carries its
// marker (and reports it when nothing else failed). Chromium is stopped by chromedp.
//
// Exit status: 0 when everything passed, 1 with a summary naming each failure, 2 for bad usage or a
// missing setup (one sentence saying what to run).
package main
