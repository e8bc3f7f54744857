//go:build linux

package timeline

import (
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"
)

func TestTraceSyscallAndGC(t *testing.T) {
	// One goroutine sleeps in a raw system call (the runtime hands its P to others after ~20 µs), one
	// computes, allocates and collects garbage.
	tl, err := Trace(1, func() {
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			defer wg.Done()
			ts := syscall.NsecToTimespec(int64(10 * time.Millisecond))
			_ = syscall.Nanosleep(&ts, nil)
		}()
		go func() {
			defer wg.Done()
			spin(30_000_000)
			var keep [][]byte
			for range 1000 {
				keep = append(keep, make([]byte, 64<<10))
			}
			runtime.GC()
			runtime.KeepAlive(keep)
		}()
		wg.Wait()
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := tl.Validate(); err != nil {
		t.Fatalf("invalid timeline: %v", err)
	}
	var onP, offP, gc bool
	for _, s := range tl.Segments {
		switch {
		case s.State == Syscall && s.Lane >= 0:
			onP = true
		case s.State == Syscall && s.Lane < 0:
			offP = true
		case s.State == GC && s.Lane >= 0 && tl.Tasks[s.Task].Name == "GC":
			gc = true
		}
	}
	if !onP || !offP || !gc {
		t.Errorf("syscall holding its P: %v, syscall after losing it: %v, GC on a P: %v; want all three", onP, offP, gc)
	}
}
