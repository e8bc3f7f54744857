package main

import (
	"flag"
	"fmt"
	"os"
	"testing"
	"time"
)

// TestMain makes sure the tests leave no Jupyter server, kernel or gopls behind: on Ctrl-C, when the
// test binary is about to hit its -test.timeout (which would kill it without running any defer), and
// at the end.
func TestMain(m *testing.M) {
	flag.Parse()
	stop := handleInterrupts()
	if f := flag.Lookup("test.timeout"); f != nil {
		if d, ok := f.Value.(flag.Getter).Get().(time.Duration); ok && d > time.Minute {
			time.AfterFunc(d-20*time.Second, func() {
				fmt.Fprintln(os.Stderr, "nbcheck tests: about to time out; stopping Jupyter and its kernels")
				reapLeftovers(allMarkers(), 0)
			})
		}
	}
	code := m.Run()
	stop()
	if names := reapLeftovers(allMarkers(), 5*time.Second); len(names) > 0 {
		fmt.Fprintf(os.Stderr, "nbcheck tests: killed processes left running: %v\n", names)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}
