package timeline

import (
	"strings"
	"sync"
	"testing"
)

func TestRecorderPool(t *testing.T) {
	const workers, tasks = 3, 12
	rec, err := NewRecorder(workers)
	if err != nil {
		t.Fatal(err)
	}
	jobs := make(chan string)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for job := range jobs {
				rec.Begin(w, job)
				spin(100_000)
				rec.End(w)
			}
		}()
	}
	for i := range tasks {
		jobs <- "job " + string(rune('a'+i))
	}
	close(jobs)
	wg.Wait()
	tl, err := rec.Timeline("pool")
	if err != nil {
		t.Fatalf("Timeline() error: %v", err)
	}
	if err := tl.Validate(); err != nil {
		t.Fatalf("invalid timeline: %v", err)
	}
	if got, want := len(tl.Tasks), tasks; got != want {
		t.Errorf("%d tasks; want %d", got, want)
	}
	if got, want := len(tl.Segments), tasks; got != want {
		t.Errorf("%d segments; want %d (one per job)", got, want)
	}
	if tl.Lanes != workers || tl.LaneName != "worker" || tl.Source != Recorded {
		t.Errorf("Lanes %d, LaneName %q, Source %v; want %d, worker, Recorded", tl.Lanes, tl.LaneName, tl.Source, workers)
	}
}

func TestRecorderMisuse(t *testing.T) {
	if _, err := NewRecorder(0); err == nil || !strings.Contains(err.Error(), "workers = 0 is not allowed") {
		t.Errorf("NewRecorder(0) error = %v; want one naming 0 workers", err)
	}
	tests := []struct {
		name string
		use  func(r *Recorder)
		want string
	}{
		{"worker out of range", func(r *Recorder) { r.Begin(5, "x") }, "worker 5; want 0…1"},
		{"end without begin", func(r *Recorder) { r.End(0) }, "End without Begin"},
		{"begin twice", func(r *Recorder) { r.Begin(0, "x"); r.Begin(0, "y") }, "still running"},
		{"negative end", func(r *Recorder) { r.End(-1) }, "worker -1"},
	}
	for _, tt := range tests {
		r, _ := NewRecorder(2)
		tt.use(r)
		_, err := r.Timeline("t")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Timeline() error = %v; want one containing %q", tt.name, err, tt.want)
		}
	}
	r, _ := NewRecorder(1)
	r.Begin(0, "open")
	tl, err := r.Timeline("t")
	if err != nil || len(tl.Notes) != 1 || len(tl.Segments) != 1 {
		t.Errorf("open span: err %v, notes %q, %d segments; want nil, one note, one segment", err, tl.Notes, len(tl.Segments))
	}
	var nilRec *Recorder
	if _, err := nilRec.Timeline("t"); err == nil {
		t.Errorf("nil Recorder: Timeline() error = nil; want an error")
	}
}

// BenchmarkRecorderBeginEnd: ns/op is the cost of recording one span (a Begin and an End) on one
// worker, a fresh Recorder every 2²⁰ spans (the most one worker keeps).
func BenchmarkRecorderBeginEnd(b *testing.B) {
	r, _ := NewRecorder(1)
	for i := range b.N {
		if i > 0 && i%maxSpans == 0 {
			b.StopTimer()
			r, _ = NewRecorder(1)
			b.StartTimer()
		}
		r.Begin(0, "task")
		r.End(0)
	}
}
