// Package goid tells a goroutine its own id, the number the runtime prints in stack traces
// ("goroutine 7 [running]:"). Self-checks use it to tell apart the goroutines of a learner's call from
// the check's own, and which goroutine ran a piece of work; nothing else should depend on goroutine ids.
package goid

import (
	"runtime"
	"strconv"
	"strings"
)

// Current returns the id of the calling goroutine, read from the first line of its stack trace
// (runtime.Stack). It costs about a microsecond. It returns 0 if the line does not have the form
// "goroutine N [state]:", which the runtime has printed since Go 1.0.
func Current() int64 {
	var buf [64]byte
	line := string(buf[:runtime.Stack(buf[:], false)])
	id, _ := Parse(line)
	return id
}

// Parse reads the goroutine id from the header line of one goroutine's stack trace,
// "goroutine 7 [chan receive]:" (anything after the id is ignored), and reports whether it found one.
func Parse(header string) (int64, bool) {
	rest, ok := strings.CutPrefix(header, "goroutine ")
	if !ok {
		return 0, false
	}
	end := strings.IndexByte(rest, ' ')
	if end < 0 {
		return 0, false
	}
	id, err := strconv.ParseInt(rest[:end], 10, 64)
	return id, err == nil && id > 0
}
