// Package cell holds what lib/chart and lib/nb both need to put output into a GoNB cell: waiting until
// GoNB has the output (Flush) and the box an error is shown in (ErrorHTML).
package cell

import (
	"html"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
)

// FlushTimeout bounds how long Flush waits.
const FlushTimeout = 3 * time.Second

// Flush waits, at most FlushTimeout, until GoNB has received everything displayed so far. A cell's
// program may exit right after its last output; without this, GoNB can report the cell finished before
// that output reached the page, and the output is lost (seen with nbconvert). Outside a notebook it
// returns at once.
func Flush() {
	if !gonbui.IsNotebook {
		return
	}
	done := make(chan struct{})
	go func() {
		gonbui.Sync()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(FlushTimeout):
	}
}

// ErrorHTML is msg as a sentence in a red box, with the class parlab-error that make test looks for.
func ErrorHTML(msg string) string {
	return `<div class="parlab-error" style="border-left:4px solid #c0392b;background:#fdecea;padding:6px 10px;font-family:sans-serif">` +
		html.EscapeString(msg) + `</div>`
}
