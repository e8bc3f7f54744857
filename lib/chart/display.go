package chart

import (
	"bytes"
	"crypto/rand"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/parlab/parlab/lib/internal/cell"
)

//go:embed figure.tmpl
var figureTmpl string

//go:embed js/*.js
var runtimeFS embed.FS

// runtimeJS is parlab's chart runtime (js/runtime.js, then the helpers in the other files of js/), sent
// with ECharts.
func runtimeJS() string {
	var b strings.Builder
	main, err := runtimeFS.ReadFile("js/runtime.js")
	if err != nil {
		panic("chart: js/runtime.js is not embedded") // go:embed put it there
	}
	b.WriteString(strings.ReplaceAll(string(main), "{{version}}", runtimeVersion))
	names, err := fs.Glob(runtimeFS, "js/*.js")
	if err != nil {
		panic("chart: " + err.Error()) // the pattern is valid
	}
	for _, name := range names {
		if name == "js/runtime.js" {
			continue
		}
		src, err := runtimeFS.ReadFile(name)
		if err != nil {
			panic("chart: " + err.Error()) // listed by Glob from the same FS
		}
		b.Write(src)
	}
	return b.String()
}

var templates = template.Must(template.New("").Parse(figureTmpl))

// What the templates of figure.tmpl are given. The template.JS and template.HTML fields hold text this
// package wrote or encoded itself (inScript, jsonJS, the templates' own output).
type (
	figureView struct {
		ID, Title                    string
		Height                       int
		Sliders                      []Slider
		Option, Data, Script, Params template.JS
	}
	pageView struct {
		Title   string
		Library template.HTML
		Figures []template.HTML
	}
	libraryView struct {
		Version         string
		Source, Runtime template.JS
	}
)

// newID returns a fresh element id: 8 random bytes, so ids never repeat across cell runs in one page.
func newID() string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("chart: crypto/rand failed: " + err.Error()) // rand.Read never fails on Linux.
	}
	return "parlab-" + hex.EncodeToString(b[:])
}

// inScript makes JavaScript safe to place inside a <script> element: "</" (which could close it) becomes
// "<\/" and "<!--" becomes "<\!--". Both rewrites mean the same inside JavaScript strings, the only place
// the option and parlab's helpers contain them.
func inScript(js string) template.JS {
	return template.JS(strings.NewReplacer("</", `<\/`, "<!--", `<\!--`).Replace(js))
}

// jsonJS encodes v as JSON for a script; json.Marshal escapes <, > and &, so it is safe there. what names
// v in the error.
func jsonJS(what string, v any) (template.JS, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("chart: encoding %s: %w", what, err)
	}
	return template.JS(b), nil
}

// Option returns the figure's ECharts option as JavaScript: the go-echarts chart's option, with the
// functions it names (parlab.whisker, parlab.tip.item, …) as bare names, which the page defines before
// the option (see SendECharts). It is what a figure sends to the page besides its tables and HTML.
func (f Figure) Option() (string, error) {
	if err := f.validate(); err != nil {
		return "", err
	}
	return optionOf(f.Chart)
}

func (f Figure) html(id string) (string, error) {
	option, err := optionOf(f.Chart)
	if err != nil {
		return "", err
	}
	data, err := jsonJS("the chart's data", f.data)
	if err != nil {
		return "", err
	}
	params, err := jsonJS("the script's parameters", f.Script.Params)
	if err != nil {
		return "", err
	}
	title := f.Title
	if title == "" {
		title = "chart"
	}
	var b bytes.Buffer
	err = templates.ExecuteTemplate(&b, "figure", figureView{
		ID: id, Title: title, Height: f.height(), Sliders: f.Sliders,
		Option: inScript(option), Data: data, Script: inScript(f.Script.Code), Params: params,
	})
	if err != nil {
		return "", fmt.Errorf("chart: writing the figure %q: %w", title, err)
	}
	return b.String(), nil
}

// errNotNotebook is returned by Show and SendECharts when the program is not run by the GoNB kernel.
var errNotNotebook = errors.New("chart: not running in a GoNB notebook: use chart.WritePage to get the chart as an HTML page")

// loadedMarker is the file whose presence says this kernel has already sent ECharts to the page. GoNB gives
// each kernel its own temporary directory ($GONB_TMP_DIR) and runs every cell as a new process, so a
// package variable would not survive from one cell to the next.
func loadedMarker() string {
	dir := os.Getenv("GONB_TMP_DIR")
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, ".parlab-echarts-"+echartsVersion)
}

// SendECharts sends the ECharts library (about 1 MB) to the notebook page, once per kernel: later calls,
// in this cell or in later cells, do nothing until the kernel restarts. Show calls it on first use;
// calling it in a notebook's first cells keeps the library in an output that is rarely re-run, so a saved
// or exported notebook always carries it ahead of its charts. Outside a notebook it prints why it did
// nothing, on standard error, and returns that as an error.
func SendECharts() error {
	if !gonbui.IsNotebook {
		showError(errNotNotebook)
		return errNotNotebook
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
	gonbui.DisplayHTML(lib + `<div style="color:#555;font-size:90%">Charts ready: ECharts ` + echartsVersion +
		` loaded from this checkout (no network needed).</div>`)
	cell.Flush()
	if marker != "" {
		if err := os.WriteFile(marker, nil, 0o644); err != nil {
			err = fmt.Errorf("chart: could not record that ECharts was sent to the page: %w", err)
			showError(err)
			return err
		}
	}
	return nil
}

// Show draws c in the notebook: c is a Figure, a *Figure, a go-echarts chart or a Picture. Errors — from
// the builder (pass its error after the figure: chart.Show(figure.Speedup(res))) or from rendering — are
// shown in the cell as a sentence and returned. Outside a notebook Show prints that sentence on standard
// error.
func Show(c any, errs ...error) error {
	if err := joinErrors(errs); err != nil {
		showError(err)
		return err
	}
	it, err := itemOf(c)
	var frag string
	if err == nil {
		frag, err = it.fragment()
	}
	if err != nil {
		showError(err)
		return err
	}
	if !gonbui.IsNotebook {
		showError(errNotNotebook)
		return errNotNotebook
	}
	if it.charted() {
		if err := SendECharts(); err != nil {
			return err
		}
	}
	gonbui.DisplayHTML(frag)
	cell.Flush()
	return nil
}

// shown is what Show and WritePage put on a page: a Figure (drawn by ECharts) or a Picture.
type shown interface {
	fragment() (string, error)
	charted() bool // needs ECharts on the page
}

// fragment returns the HTML that draws the figure: a box, its sliders, a line of text for viewers that
// cannot run scripts, and the script that draws the chart with the page's ECharts and parlab's runtime
// (which the fragment does not contain: see SendECharts and WritePage). Each call gives the figure a new
// element id.
func (f Figure) fragment() (string, error) {
	if err := f.validate(); err != nil {
		return "", err
	}
	return f.html(newID())
}
func (Figure) charted() bool                { return true }
func (p Picture) fragment() (string, error) { return p.html() }
func (Picture) charted() bool               { return false }

// itemOf turns what Show and WritePage accept into something they can put on a page.
func itemOf(c any) (shown, error) {
	switch v := c.(type) {
	case Picture:
		return v, nil
	case *Picture:
		if v == nil {
			return nil, errors.New("chart: nil *Picture")
		}
		return *v, nil
	}
	fig, err := figureOf(c)
	if err != nil {
		return nil, err
	}
	return fig, nil
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

// WritePage writes a standalone HTML page with the ECharts library inlined and the given figures (each a
// Figure, a *Figure, a go-echarts chart or a Picture) one below the other: a way to look at charts without Jupyter,
// say after running experiments on a server.
func WritePage(w io.Writer, title string, figs ...any) error {
	lib, err := libraryHTML()
	if err != nil {
		return err
	}
	frags := make([]template.HTML, len(figs))
	for i, c := range figs {
		it, err := itemOf(c)
		if err == nil {
			var s string
			s, err = it.fragment()
			frags[i] = template.HTML(s) // written by this package's templates, which escaped what they inserted
		}
		if err != nil {
			return fmt.Errorf("chart: figure %d of %d: %w", i+1, len(figs), err)
		}
	}
	return templates.ExecuteTemplate(w, "page", pageView{Title: title, Library: template.HTML(lib), Figures: frags})
}

// joinErrors returns nil, the one non-nil error as it is (so == and errors.Is still see it), or all of
// them joined.
func joinErrors(errs []error) error {
	var nonNil []error
	for _, err := range errs {
		if err != nil {
			nonNil = append(nonNil, err)
		}
	}
	if len(nonNil) == 1 {
		return nonNil[0]
	}
	return errors.Join(nonNil...)
}
