package chart

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"runtime"
)

// echartsVersion is the version of the ECharts library the charts are drawn with, and echartsSHA256 the
// checksum of its dist/echarts.min.js (npm package echarts@5.6.0), which kernel-setup verifies when it
// downloads it (kernel-setup/echarts/SHA256SUMS).
const (
	echartsVersion = "5.6.0"
	echartsSHA256  = "bf4a223524e40b77c304bec67e1222cf551f14880cf42c69dc046558e11c07b1"
)

// envECharts names an environment variable that, when set, points at the echarts.min.js to use instead
// of the checkout's kernel-setup/echarts/echarts.min.js.
const envECharts = "PARLAB_ECHARTS"

// runtimeVersion names the chart runtime's version in the page (window.parlabChart.version).
const runtimeVersion = "2"

// assetPath returns where the pinned echarts.min.js is expected: $PARLAB_ECHARTS, or
// kernel-setup/echarts/echarts.min.js in the checkout this package was built from.
func assetPath() string {
	if p := os.Getenv(envECharts); p != "" {
		return p
	}
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return filepath.Join("kernel-setup", "echarts", "echarts.min.js")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "kernel-setup", "echarts", "echarts.min.js")
}

// libraryHTML returns a <script> that defines window.echarts from the pinned copy, unless the page already
// has it, and one that defines parlab's chart runtime (js/). define, exports and module are shadowed while
// ECharts is evaluated, so its UMD header takes the global path even when RequireJS is on the page.
func libraryHTML() (string, error) {
	path := assetPath()
	src, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("chart: ECharts %s is not installed at %s (run `make lab`, or `make setup`, from the repository root): %w", echartsVersion, path, err)
	}
	sum := sha256.Sum256(src)
	if got := hex.EncodeToString(sum[:]); got != echartsSHA256 {
		return "", fmt.Errorf("chart: %s has checksum %s, want %s (ECharts %s): delete it and run `make setup` again", path, got, echartsSHA256, echartsVersion)
	}
	if bytes.Contains(bytes.ToLower(src), []byte("</script")) {
		return "", fmt.Errorf("chart: %s contains a </script> tag and cannot be inlined", path)
	}
	var b bytes.Buffer
	b.Grow(len(src) + 512)
	err = templates.ExecuteTemplate(&b, "library", libraryView{
		Version: echartsVersion,
		Source:  template.JS(src), // checked above: the pinned file, with no </script
		Runtime: inScript(runtimeJS()),
	})
	if err != nil {
		return "", fmt.Errorf("chart: writing the ECharts library into the page: %w", err)
	}
	return b.String(), nil
}
