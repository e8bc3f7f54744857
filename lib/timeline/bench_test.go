package timeline

import (
	"bytes"
	"io"
	rtrace "runtime/trace"
	"sync"
	"testing"

	"golang.org/x/exp/trace"

	"github.com/parlab/parlab/lib/procs"
)

// pingPongTrace traces two goroutines passing a value back and forth rounds times over an unbuffered
// channel: each round trip is about four goroutine state transitions.
func pingPongTrace(tb testing.TB, rounds int) []byte {
	tb.Helper()
	var buf bytes.Buffer
	restore, err := procs.Set("procs", 2)
	if err != nil {
		tb.Fatal(err)
	}
	defer restore()
	if err := rtrace.Start(&buf); err != nil {
		tb.Skipf("cannot trace: %v", err)
	}
	pingPong(rounds)
	rtrace.Stop()
	return buf.Bytes()
}

// pingPong passes a value back and forth rounds times between two goroutines over unbuffered channels.
func pingPong(rounds int) {
	ping, pong := make(chan int), make(chan int)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for v := range ping {
			pong <- v
		}
		close(pong)
	}()
	for i := range rounds {
		ping <- i
		<-pong
	}
	close(ping)
	wg.Wait()
}

// BenchmarkTraceOverhead times the ping-pong of pingPongTrace with and without runtime/trace running
// (writing to io.Discard), at GOMAXPROCS=2: ns/op is one round trip. traced ÷ untraced is how much
// tracing slows channel-heavy code, the reason a traced run shows shape, not timing.
func BenchmarkTraceOverhead(b *testing.B) {
	restore, err := procs.Set("procs", 2)
	if err != nil {
		b.Fatal(err)
	}
	defer restore()
	for _, traced := range []bool{false, true} {
		name := "untraced"
		if traced {
			name = "traced"
		}
		b.Run(name, func(b *testing.B) {
			if traced {
				if err := rtrace.Start(io.Discard); err != nil {
					b.Skipf("cannot trace: %v", err)
				}
				defer rtrace.Stop()
			}
			b.ResetTimer()
			pingPong(b.N)
		})
	}
}

func countEvents(tb testing.TB, data []byte) int {
	r, err := trace.NewReader(bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	n := 0
	for {
		_, err := r.ReadEvent()
		if err == io.EOF {
			return n
		}
		if err != nil {
			tb.Fatal(err)
		}
		n++
	}
}

var (
	bigOnce   sync.Once
	bigTrace  []byte
	bigEvents int
)

// bigPingPong is a trace of at least a million events, made once per test binary.
func bigPingPong(b *testing.B) ([]byte, int) {
	bigOnce.Do(func() {
		bigTrace = pingPongTrace(b, 300_000)
		bigEvents = countEvents(b, bigTrace)
	})
	return bigTrace, bigEvents
}

// BenchmarkParse parses a trace of at least a million events (channel ping-pong): ns/event is the
// parse time per event, trace-B/event the size of the trace per event, and B/op (with -benchmem) the
// memory parsing allocates.
func BenchmarkParse(b *testing.B) {
	data, events := bigPingPong(b)
	if events < 1_000_000 {
		b.Fatalf("trace has %d events; want ≥ 1,000,000", events)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ReportMetric(float64(len(data))/float64(events), "trace-B/event")
	for b.Loop() {
		tl, err := Parse(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		if tl.Events != events {
			b.Fatalf("parsed %d events; want %d", tl.Events, events)
		}
	}
	b.ReportMetric(float64(events), "events/op")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(events), "ns/event")
}

// BenchmarkReadOnly is the floor: x/exp/trace reading the same events with no timeline built.
func BenchmarkReadOnly(b *testing.B) {
	data, events := bigPingPong(b)
	for b.Loop() {
		countEvents(b, data)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(events), "ns/event")
}
