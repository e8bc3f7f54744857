package main

import (
	"fmt"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Cleanups run when nbcheck is interrupted (Ctrl-C, or SIGTERM from make or CI): Jupyter and its kernels
// run in process groups and sessions of their own, so nothing else would stop them.
var (
	cleanupMu sync.Mutex
	cleanups  []cleanup // guarded by cleanupMu; in registration order
	cleanupID int       // guarded by cleanupMu
)

// interrupted is set once a signal arrived: the failures that stopping everything causes are not reported.
var interrupted atomic.Bool

type cleanup struct {
	id int
	f  func()
}

// onInterrupt registers f to run if nbcheck is interrupted; the returned func unregisters it.
func onInterrupt(f func()) (unregister func()) {
	cleanupMu.Lock()
	defer cleanupMu.Unlock()
	cleanupID++
	id := cleanupID
	cleanups = append(cleanups, cleanup{id, f})
	return func() {
		cleanupMu.Lock()
		defer cleanupMu.Unlock()
		for i, c := range cleanups {
			if c.id == id {
				cleanups = append(cleanups[:i], cleanups[i+1:]...)
				return
			}
		}
	}
}

// handleInterrupts makes SIGINT and SIGTERM run the registered cleanups, newest first, and exit with
// status 1. The returned func stops the handling.
func handleInterrupts() (stop func()) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-sigs:
			interrupted.Store(true)
			fmt.Fprintf(os.Stderr, "\nnbcheck: %v: stopping Jupyter, kernels and Chromium\n", sig)
			cleanupMu.Lock()
			cs := append([]cleanup(nil), cleanups...)
			cleanupMu.Unlock()
			for i := len(cs) - 1; i >= 0; i-- {
				cs[i].f()
			}
			reapLeftovers(allMarkers(), 2*time.Second)
			os.Exit(1)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}
