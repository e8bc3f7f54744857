package chart

import (
	"crypto/rand"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/parlab/parlab/lib/internal/cell"
)

//go:embed loader.js
var loaderJS string

var scriptCloseRE = regexp.MustCompile(`(?i)</(script)`)

// newID returns a fresh element id: 8 random bytes, so ids never repeat across cell runs in one page.
func newID() string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("chart: crypto/rand failed: " + err.Error()) // rand.Read never fails on Linux.
	}
	return "parlab-" + hex.EncodeToString(b[:])
}

// HTML returns the HTML fragment that draws c: a box, a line of text for viewers that cannot run scripts,
// and the script that draws the chart with the page's ECharts. c is a Figure, a *Figure or a go-echarts chart.
// The fragment does not contain the ECharts library itself (see Load and WritePage).
func HTML(c any) (string, error) {
	fig, err := figureOf(c)
	if err != nil {
		return "", err
	}
	return fig.html(newID()), nil
}

func (f Figure) html(id string) string {
	title := f.Title
	if title == "" {
		title = "chart"
	}
	ids := strings.NewReplacer("{{id}}", id)
	script := strings.NewReplacer(
		"{{id}}", id,
		"{{option}}", scriptCloseRE.ReplaceAllString(f.Option, `<\/$1`),
		"{{script}}", scriptCloseRE.ReplaceAllString(ids.Replace(f.Script), `<\/$1`),
	).Replace(loaderJS)
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="parlab-figure" id="%s" style="width:100%%;max-width:960px">`, id)
	if f.Controls != "" {
		b.WriteString(ids.Replace(f.Controls))
	}
	fmt.Fprintf(&b, `<div class="parlab-noscript" style="padding:4px 0;color:#555;font-style:italic">Interactive chart "%s": `+
		`it is drawn by JavaScript, which this viewer did not run. Open the notebook in Jupyter and trust it `+
		`(File → Trust Notebook), or open its HTML export in a browser.</div>`, html.EscapeString(title))
	fmt.Fprintf(&b, `<div class="parlab-chart" style="width:100%%;height:%dpx"></div>`, f.height())
	b.WriteString("</div>\n<script type=\"text/javascript\">\n")
	b.WriteString(script)
	b.WriteString("</script>\n")
	return b.String()
}

// loadedMarker is the file whose presence says this kernel has already sent ECharts to the page. GoNB gives
// each kernel its own temporary directory ($GONB_TMP_DIR) and runs every cell as a new process, so a
// package variable would not survive from one cell to the next.
func loadedMarker() string {
	dir := os.Getenv("GONB_TMP_DIR")
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, ".parlab-echarts-"+ECharts)
}

// ErrNotNotebook is returned by Show and Load when the program is not run by the GoNB kernel.
var ErrNotNotebook = errors.New("chart: not running in a GoNB notebook: use chart.HTML or chart.WritePage to get the chart as HTML")

// Load sends the ECharts library (about 1 MB) to the notebook page, once per kernel: later calls, in this
// cell or in later cells, do nothing until the kernel restarts. Show calls it on first use; calling it in a
// notebook's first cells keeps the library in an output that is rarely re-run, so a saved or exported
// notebook always carries it ahead of its charts.
func Load() error {
	if !gonbui.IsNotebook {
		return ErrNotNotebook
	}
	marker := loadedMarker()
	if marker != "" {
		if _, err := os.Stat(marker); err == nil {
			return nil
		}
	}
	lib, err := libraryHTML()
	if err != nil {
		showError(err)
		return err
	}
	gonbui.DisplayHTML(lib + `<div style="color:#555;font-size:90%">Charts ready: ECharts ` + ECharts + ` loaded from this checkout (no network needed).</div>`)
	cell.Flush()
	if marker != "" {
		if err := os.WriteFile(marker, nil, 0o644); err != nil {
			return fmt.Errorf("chart: could not record that ECharts was loaded: %w", err)
		}
	}
	return nil
}

// Show draws c in the notebook: c is a Figure, a *Figure or a go-echarts chart. Errors — from the builder
// (pass its error after the figure: chart.Show(chart.Speedup(res))) or from rendering — are shown in the cell
// as a sentence and returned.
func Show(c any, errs ...error) error {
	if err := joinErrors(errs); err != nil {
		showError(err)
		return err
	}
	fig, err := figureOf(c)
	if err != nil {
		showError(err)
		return err
	}
	if err := Load(); err != nil {
		return err
	}
	gonbui.DisplayHTML(fig.html(newID()))
	cell.Flush()
	return nil
}

// showError prints err in the notebook as a sentence in a red box (class parlab-error, which the test
// harness looks for), or on standard error outside a notebook.
func showError(err error) {
	if !gonbui.IsNotebook {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	gonbui.DisplayHTML(cell.ErrorHTML(err.Error()))
	cell.Flush()
}

// WritePage writes a standalone HTML page with the ECharts library inlined and the given figures one below
// the other: a way to look at charts without Jupyter (say, after running experiments on a server).
func WritePage(w io.Writer, title string, figs ...any) error {
	lib, err := libraryHTML()
	if err != nil {
		return err
	}
	var body strings.Builder
	for i, c := range figs {
		fig, err := figureOf(c)
		if err != nil {
			return fmt.Errorf("chart: figure %d of %d: %w", i+1, len(figs), err)
		}
		body.WriteString(fig.html(newID()))
	}
	_, err = fmt.Fprintf(w, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title></head>\n<body style=\"font-family:sans-serif;max-width:980px;margin:auto\">\n<h1>%s</h1>\n%s\n%s</body></html>\n",
		html.EscapeString(title), html.EscapeString(title), lib, body.String())
	return err
}

// joinErrors returns nil, the one non-nil error as it is, or all of them joined.
func joinErrors(errs []error) error {
	var nonNil []error
	for _, err := range errs {
		if err != nil {
			nonNil = append(nonNil, err)
		}
	}
	switch len(nonNil) {
	case 0:
		return nil
	case 1:
		return nonNil[0]
	}
	return errors.Join(nonNil...)
}
