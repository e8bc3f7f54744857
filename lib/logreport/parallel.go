package logreport

import (
	"bytes"
	"fmt"
	"slices"
	"sync"

	"github.com/parlab/parlab/lib/workload"
)

// Part is one of the program's four parts.
type Part uint8

const (
	ReadPart Part = iota
	ParsePart
	AggregatePart
	FormatPart
)

// Parts lists the parts in the order the program runs them.
func Parts() []Part { return []Part{ReadPart, ParsePart, AggregatePart, FormatPart} }

// String returns the part's name: read, parse, aggregate, format.
func (p Part) String() string {
	switch p {
	case ReadPart:
		return "read"
	case ParsePart:
		return "parse"
	case AggregatePart:
		return "aggregate"
	case FormatPart:
		return "format"
	}
	return fmt.Sprintf("Part(%d)", uint8(p))
}

// Func returns the name a CPU profile gives the part's serial function, such as
// "github.com/parlab/parlab/lib/logreport.Parse".
func (p Part) Func() string {
	names := [...]string{"Read", "Parse", "Aggregate", "Format"}
	if int(p) >= len(names) {
		return ""
	}
	return "github.com/parlab/parlab/lib/logreport." + names[p]
}

// Program is the report program with a function for each part; a nil part runs the serial one.
type Program struct {
	Read      func(log []byte) [][]byte
	Parse     func(lines [][]byte) []Record
	Aggregate func(recs []Record) map[string]*Route
	Format    func(m map[string]*Route) string
}

// Run runs the program on a log and returns the report.
func (p Program) Run(log []byte) string {
	read, parse, agg, format := p.Read, p.Parse, p.Aggregate, p.Format
	if read == nil {
		read = Read
	}
	if parse == nil {
		parse = Parse
	}
	if agg == nil {
		agg = Aggregate
	}
	if format == nil {
		format = Format
	}
	return format(agg(parse(read(log))))
}

// Parallel returns the program with one part parallel on workers goroutines, the rest serial.
func Parallel(part Part, workers int) (Program, error) {
	if workers < 1 || workers > workload.MaxWorkers {
		return Program{}, fmt.Errorf("logreport: workers = %d is not allowed: want from 1 to %d", workers, workload.MaxWorkers)
	}
	switch part {
	case ReadPart:
		return Program{Read: func(log []byte) [][]byte { return ReadParallel(log, workers) }}, nil
	case ParsePart:
		return Program{Parse: func(lines [][]byte) []Record { return ParseParallel(lines, workers) }}, nil
	case AggregatePart:
		return Program{Aggregate: func(recs []Record) map[string]*Route { return AggregateParallel(recs, workers) }}, nil
	case FormatPart:
		return Program{Format: func(m map[string]*Route) string { return FormatParallel(m, workers) }}, nil
	}
	return Program{}, fmt.Errorf("logreport: part = %d is not a part of the program: want ReadPart, ParsePart, AggregatePart or FormatPart", uint8(part))
}

// chunks runs f(i, lo, hi) for workers contiguous chunks of n items in workers goroutines and waits.
func chunks(n, workers int, f func(i, lo, hi int)) {
	workers = max(1, min(workers, n))
	var wg sync.WaitGroup
	for i := range workers {
		lo, hi := n*i/workers, n*(i+1)/workers
		wg.Go(func() { f(i, lo, hi) })
	}
	wg.Wait()
}

// ReadParallel is Read with the log cut into workers regions at line ends, each read by its own
// goroutine. Same lines, same order.
func ReadParallel(log []byte, workers int) [][]byte {
	parts := make([][][]byte, max(1, workers))
	bounds := []int{0}
	for i := 1; i < workers; i++ {
		at := max(bounds[len(bounds)-1], len(log)*i/workers)
		if j := bytes.IndexByte(log[at:], '\n'); j >= 0 {
			at += j + 1
		} else {
			at = len(log)
		}
		bounds = append(bounds, at)
	}
	bounds = append(bounds, len(log))
	chunks(len(bounds)-1, len(bounds)-1, func(i, _, _ int) { parts[i] = Read(log[bounds[i]:bounds[i+1]]) })
	return slices.Concat(parts...)
}

// ParseParallel is Parse with the lines cut into workers chunks, each parsed by its own goroutine
// into its own slice; the slices are joined in order.
func ParseParallel(lines [][]byte, workers int) []Record {
	parts := make([][]Record, max(1, workers))
	chunks(len(lines), workers, func(i, lo, hi int) { parts[i] = Parse(lines[lo:hi]) })
	return slices.Concat(parts...)
}

// AggregateParallel is Aggregate with the records cut into workers chunks, each counted into its own
// map; the maps are then merged in chunk order, so every route's durations keep the records' order.
func AggregateParallel(recs []Record, workers int) map[string]*Route {
	parts := make([]map[string]*Route, max(1, workers))
	chunks(len(recs), workers, func(i, lo, hi int) { parts[i] = Aggregate(recs[lo:hi]) })
	m := map[string]*Route{}
	for _, p := range parts {
		for k, r := range p {
			if t := m[k]; t != nil {
				t.Count += r.Count
				t.Errors += r.Errors
				t.Bytes += r.Bytes
				t.Durations = append(t.Durations, r.Durations...)
			} else {
				m[k] = r
			}
		}
	}
	return m
}

// FormatParallel is Format with the routes' durations sorted by workers goroutines, each taking every
// workers-th route.
func FormatParallel(m map[string]*Route, workers int) string {
	rs := make([]*Route, 0, len(m))
	for _, r := range m {
		rs = append(rs, r)
	}
	var wg sync.WaitGroup
	for w := range max(1, min(workers, len(rs))) {
		wg.Go(func() {
			for i := w; i < len(rs); i += workers {
				slices.Sort(rs[i].Durations)
			}
		})
	}
	wg.Wait()
	return table(rs)
}
