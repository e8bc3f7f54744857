package liveness

import (
	"runtime"
	"strings"

	"github.com/parlab/parlab/lib/internal/goid"
)

// G is one goroutine of the running program, as its stack trace shows it.
type G struct {
	ID int64
	// State is what it is doing or waiting for: "running", "chan send", "IO wait", "select", "sleep".
	State string
	// Function is the innermost function outside the runtime and the standard library's internals:
	// where it is, as a person would name it.
	Function string
	// CreatedBy is the function that started it ("" for the main goroutine).
	CreatedBy string
}

// Goroutines returns every goroutine of the running program (the runtime's own are left out, as
// runtime.Stack leaves them out), the caller's first.
func Goroutines() []G {
	buf := make([]byte, 64<<10)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	var out []G
	for _, text := range strings.Split(strings.TrimSpace(string(buf)), "\n\n") {
		lines := strings.Split(text, "\n")
		id, ok := goid.Parse(lines[0])
		if !ok {
			continue
		}
		g := G{ID: id}
		if i, j := strings.IndexByte(lines[0], '['), strings.IndexAny(lines[0], "],"); i >= 0 && j > i {
			g.State = lines[0][i+1 : j]
		}
		for k := 1; k < len(lines); k += 2 {
			fn := funcName(lines[k])
			if strings.HasPrefix(lines[k], "created by ") {
				g.CreatedBy = funcName(strings.TrimPrefix(lines[k], "created by "))
				break
			}
			if g.Function == "" && !internal(fn) {
				g.Function = fn
			}
		}
		out = append(out, g)
	}
	return out
}

// funcName cuts a stack trace's function line down to the function: "main.main()" → "main.main",
// "created by x.f in goroutine 1" → "x.f".
func funcName(line string) string {
	line = strings.TrimSpace(line)
	if i := strings.Index(line, " in goroutine "); i >= 0 {
		line = line[:i]
	}
	if i := strings.LastIndexByte(line, '('); i > 0 && strings.HasSuffix(line, ")") {
		line = line[:i]
	}
	return line
}

// internal reports whether fn belongs to the runtime's machinery rather than to code a person wrote.
func internal(fn string) bool {
	for _, p := range []string{"runtime.", "internal/", "github.com/parlab/parlab/lib/liveness.Goroutines", "sync.runtime_", "sync.(*", "os.(*File).", "io.", "bufio.", "encoding/gob.", "os/signal.signal_recv"} {
		if strings.HasPrefix(fn, p) {
			return true
		}
	}
	return false
}
