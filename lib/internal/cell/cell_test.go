package cell

import (
	"strings"
	"testing"
	"time"
)

func TestErrorHTMLEscapes(t *testing.T) {
	got := ErrorHTML("workers = 0 <not allowed>")
	if !strings.Contains(got, `class="parlab-error"`) || !strings.Contains(got, "&lt;not allowed&gt;") {
		t.Errorf("ErrorHTML = %q, want the parlab-error class and escaped text", got)
	}
}

func TestFlushOutsideNotebookReturnsAtOnce(t *testing.T) {
	start := time.Now()
	Flush()
	if d := time.Since(start); d >= FlushTimeout {
		t.Errorf("Flush outside a notebook took %v, want it to return at once", d)
	}
}
