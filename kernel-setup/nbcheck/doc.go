// Command nbcheck proves that every parlab notebook runs and every chart draws. It is the notebook part of
// `make test`:
//
//	go run ./kernel-setup/nbcheck -quick
//
// It works in two stages, each against the real GoNB kernel installed by kernel-setup in <root>/build:
//
//  1. Execute. Each notebook in notebooks/ runs headless through `jupyter nbconvert --execute` with kernel
//     gonb and a per-cell timeout, one notebook at a time, into build/executed/ (signed, so classic Notebook
//     keeps its scripts) and is exported to build/html/. nbconvert runs with --allow-errors and
//     interrupt_on_timeout so that the executed notebook is always written, with every output; nbcheck then
//     scans every output of every cell for error outputs, "panic:", "fatal error:", "WARNING: DATA RACE",
//     "exit status", "signal: interrupt" (a cell that hit the timeout), and "parlab-error" (a chart that
//     failed to render), and fails naming the notebook, the cell (index and first line) and the text.
//     A cell tagged raises-exception (nbclient's tag) may fail on purpose.
//  2. Browser. A real `jupyter notebook` server on 127.0.0.1 with a random token, and headless Chromium
//     driven by chromedp: each notebook is opened and run with Cell → Run All, as a learner would; then every
//     .parlab-chart must hold a canvas with drawn pixels, no .parlab-noscript line may stay visible, the
//     page must log no JavaScript error, and the outputs must pass the same scan as stage 1. A PNG of the
//     whole notebook goes to build/screenshots/<name>.png. The server refuses to save (a pre-save hook)
//     and autosave is switched off, so notebooks stay without outputs in git. Then each HTML export is
//     opened from file:// and its charts are checked the same way (build/screenshots/<name>.html.png).
//     Chromium resolves no host name but 127.0.0.1, so nothing can come from a CDN.
//
// Every wait is bounded; the server, the kernels and Chromium are stopped on every path, by process group.
// The exit status is 1 when anything failed, with a summary naming each failure, and 2 for bad usage.
package main
