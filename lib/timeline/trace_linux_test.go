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
	// One goroutine sleeps 50 ms in a raw system call (sysmon hands its P to others after 20 µs to 10 ms),
	// one computes, allocates and collects garbage. On a busy machine sysmon itself may not get to run in
	// time, so a run where the P was never taken back is tried again, up to 4 times.
	for attempt := 1; ; attempt++ {
		onP, offP, gc := traceSyscallAndGC(t)
		if !onP || !gc {
			t.Errorf("syscall holding its P: %v, GC on a P: %v; want both", onP, gc)
		}
		if offP {
			return
		}
		if attempt == 4 {
			t.Errorf("in %d runs, the syscall never lost its P; want a syscall segment without a P", attempt)
			return
		}
	}
}

func traceSyscallAndGC(t *testing.T) (onP, offP, gc bool) {
	tl, err := Trace(1, func() {
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			defer wg.Done()
			ts := syscall.NsecToTimespec(int64(50 * time.Millisecond))
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
	return onP, offP, gc
}
