package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// testPage is a static page with one chart that draws, one that stays blank, a "scripts did not run" line,
// a picture that does not load, a blank picture, a picture with something in it and a console error: the
// chart check must report all but the drawn chart and the drawn picture.
const testPage = `<!DOCTYPE html><html><body>
<div class="parlab-figure" id="drawn"><div class="parlab-chart"><canvas width="300" height="200"></canvas></div></div>
<div class="parlab-figure" id="blank"><div class="parlab-chart"><canvas width="300" height="200"></canvas></div></div>
<div class="parlab-figure" id="static"><div class="parlab-noscript">Interactive chart: run the notebook to see it.</div><div class="parlab-chart"></div></div>
<img src="https://cdn.example.com/lib.png">
<figure class="parlab-picture"><img src="data:image/png;base64,bm90IGEgcG5n" alt="a broken picture"></figure>
<figure class="parlab-picture"><img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACgAAAAoCAIAAAADnC86AAAALklEQVR4nO3NAQ0AAAgDILV/5xvDzUEBOkldmJNVLBaLxWKxWCwWi8VisVj8NF6D6wNNapkOkAAAAABJRU5ErkJggg==" alt="a blank picture"></figure>
<figure class="parlab-picture"><img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACgAAAAoCAIAAAADnC86AAAAOklEQVR4nO3QQREAIAwEMYpGhKASW0XGPZo1kJmtc99KtCMqGAwGg8FgcKTq7gg8bzUYDAaDweDB8AdQbATWmmbyUwAAAABJRU5ErkJggg==" alt="a drawn picture"></figure>
<script>
const ctx = document.querySelector("#drawn canvas").getContext("2d");
ctx.fillStyle = "#5470c6";
ctx.fillRect(20, 20, 100, 150);
console.error("nbcheck test: boom");
alert("nbcheck test: an alert");
</script>
</body></html>`

// TestCheckHTML runs the chart check on a static page in headless Chromium (about 2 s).
func TestCheckHTML(t *testing.T) {
	chromium := defaultTool("chromium", "/usr/bin/chromium")
	if _, err := exec.LookPath(chromium); err != nil {
		t.Skipf("needs Chromium (%s): %v", chromium, err)
	}
	dir := t.TempDir()
	html := filepath.Join(dir, "page.html")
	if err := os.WriteFile(html, []byte(testPage), 0o644); err != nil {
		t.Fatal(err)
	}
	defer func(w time.Duration) { chartWait = w }(chartWait)
	chartWait = 2 * time.Second // the blank charts never draw: don't wait 20 s for them
	ctx, stop, err := startBrowser(chromium)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	shot := filepath.Join(dir, "page.png")
	fails, detail := checkHTML(ctx, executed{name: "page", html: html}, shot, 4)
	if detail != "3 chart(s)" {
		t.Errorf("got detail %q, want %q", detail, "3 chart(s)")
	}
	var got []string
	for _, f := range fails {
		got = append(got, f.String())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		"page.html: 3 chart(s) on the page, want 4",
		"page.html: chart blank is blank: 0 pixel(s) differ from the background",
		"page.html: chart static has no canvas",
		`page.html: a chart's "scripts did not run" line is still visible: "Interactive chart: run the notebook to see it."`,
		"page.html: JavaScript error: nbcheck test: boom (page.html:",
		"page.html: JavaScript dialog (alert): nbcheck test: an alert",
		"page.html: network request to https://cdn.example.com/lib.png: the page must work offline",
		`page.html: picture "a broken picture" shows no image`,
		`page.html: picture "a blank picture" shows no image`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("got failures:\n%s\nwant one containing %q", all, want)
		}
	}
	if strings.Contains(all, "chart drawn") || strings.Contains(all, "a drawn picture") {
		t.Errorf("got failures:\n%s\nwant none about the chart and the picture that drew", all)
	}
	if len(fails) != 9 {
		t.Errorf("got %d failures, want 9", len(fails))
	}
	if st, err := os.Stat(shot); err != nil || st.Size() == 0 {
		t.Errorf("got no screenshot at %s (%v)", shot, err)
	}
}
