package logreport_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/logreport"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestEveryWayGivesTheSameReport(t *testing.T) {
	log, err := logreport.Generate(3001, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := logreport.Report(log)
	if n := strings.Count(want, "\n"); n < 10 {
		t.Fatalf("the report has %d lines:\n%s", n, want)
	}
	for _, part := range logreport.Parts() {
		for _, w := range []int{1, 2, 3, 7, 5000} {
			p, err := logreport.Parallel(part, w)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.Run(log); got != want {
				t.Errorf("%s on %d workers:\n%s\nwant\n%s", part, w, got, want)
			}
		}
	}
	if got := (logreport.Program{}).Run(log); got != want {
		t.Error("the zero Program differs from Report")
	}
}

func TestParse(t *testing.T) {
	log, _ := logreport.Generate(500, 2)
	lines := logreport.Read(log)
	if len(lines) != 500 {
		t.Fatalf("Read: %d lines, want 500", len(lines))
	}
	recs := logreport.Parse(append(lines, []byte("garbage"), []byte(""), []byte(`2026-13-99T00:00:00Z level=info method=GET path=/ status=200 bytes=1 duration=1ms ua=""`)))
	if len(recs) != 500 {
		t.Errorf("Parse kept %d records, want the 500 good ones", len(recs))
	}
	r, ok := logreport.ParseLine([]byte(`2026-11-27T10:15:32.123456Z level=info method=GET path=/api/users/12 status=200 bytes=5120 duration=12.345ms ua="curl/8.5.0"`))
	want := logreport.Record{Time: time.Date(2026, 11, 27, 10, 15, 32, 123456000, time.UTC), Level: "info", Method: "GET",
		Path: "/api/users/12", Status: 200, Bytes: 5120, Duration: 12345 * time.Microsecond}
	if !ok || r != want {
		t.Errorf("ParseLine = %+v, %v; want %+v", r, ok, want)
	}
	if got := logreport.RouteOf("/api/cart/12/items/3"); got != "/api/cart/:id/items/:id" {
		t.Errorf("RouteOf = %q", got)
	}
	if got := logreport.Read([]byte("a\nb")); len(got) != 2 || !bytes.Equal(got[1], []byte("b")) {
		t.Errorf("Read of a last line without newline: %q", got)
	}
}

func TestErrors(t *testing.T) {
	for _, n := range []int{0, -1, logreport.MaxLines + 1} {
		if _, err := logreport.Generate(n, 1); err == nil || !strings.Contains(err.Error(), "lines") {
			t.Errorf("Generate(%d): got %v, want an error naming lines", n, err)
		}
	}
	if _, err := logreport.Parallel(logreport.ParsePart, 0); err == nil || !strings.Contains(err.Error(), "workers") {
		t.Errorf("Parallel(parse, 0): %v", err)
	}
	if _, err := logreport.Parallel(9, 2); err == nil || !strings.Contains(err.Error(), "part") {
		t.Errorf("Parallel(9, 2): %v", err)
	}
}
