package chart

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// ECharts is the version of the ECharts library the charts are drawn with, and EChartsSHA256 the checksum
// of its dist/echarts.min.js (npm package echarts@5.6.0), which kernel-setup verifies when it downloads it.
const (
	ECharts       = "5.6.0"
	EChartsSHA256 = "bf4a223524e40b77c304bec67e1222cf551f14880cf42c69dc046558e11c07b1"
)

// EnvECharts names an environment variable that, when set, points at the echarts.min.js to use instead of
// the checkout's kernel-setup/echarts/echarts.min.js.
const EnvECharts = "PARLAB_ECHARTS"

// AssetPath returns where the pinned echarts.min.js is expected: $PARLAB_ECHARTS, or
// kernel-setup/echarts/echarts.min.js in the checkout this package was built from.
func AssetPath() string {
	if p := os.Getenv(EnvECharts); p != "" {
		return p
	}
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return filepath.Join("kernel-setup", "echarts", "echarts.min.js")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "kernel-setup", "echarts", "echarts.min.js")
}

// libraryHTML returns a <script> that defines window.echarts from the pinned copy, unless the page already
// has it. define, exports and module are shadowed while the library is evaluated, so its UMD header takes
// the global path even when RequireJS is on the page.
func libraryHTML() (string, error) {
	path := AssetPath()
	src, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("chart: ECharts %s is not installed at %s (run `make lab`, or `make setup`, from the repository root): %w", ECharts, path, err)
	}
	sum := sha256.Sum256(src)
	if got := hex.EncodeToString(sum[:]); got != EChartsSHA256 {
		return "", fmt.Errorf("chart: %s has checksum %s, want %s (ECharts %s): delete it and run `make setup` again", path, got, EChartsSHA256, ECharts)
	}
	if bytes.Contains(bytes.ToLower(src), []byte("</script")) {
		return "", fmt.Errorf("chart: %s contains a </script> tag and cannot be inlined", path)
	}
	var b strings.Builder
	b.Grow(len(src) + 512)
	b.WriteString(`<div class="parlab-echarts" style="display:none" data-version="` + ECharts + `"></div>`)
	b.WriteString("<script type=\"text/javascript\">\nif (!window.echarts) { (function (define, exports, module) {\n")
	b.Write(src)
	b.WriteString("\n}).call(window); }\n</script>")
	return b.String(), nil
}
