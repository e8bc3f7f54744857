package goid

import "testing"

func TestParse(t *testing.T) {
	for _, tt := range []struct {
		header string
		id     int64
		ok     bool
	}{
		{"goroutine 7 [running]:", 7, true},
		{"goroutine 12345 [chan receive, 3 minutes]:\nmain.main()", 12345, true},
		{"goroutine x [running]:", 0, false},
		{"goroutine 7", 0, false},
		{"Goroutine 7 [running]:", 0, false},
		{"", 0, false},
	} {
		id, ok := Parse(tt.header)
		if id != tt.id || ok != tt.ok {
			t.Errorf("Parse(%q) = %d, %v; want %d, %v", tt.header, id, ok, tt.id, tt.ok)
		}
	}
}

func TestCurrentDiffersBetweenGoroutines(t *testing.T) {
	here := Current()
	there := make(chan int64)
	go func() { there <- Current() }()
	other := <-there
	if here <= 0 || other <= 0 || here == other {
		t.Errorf("Current() = %d here and %d in another goroutine; want two different positive ids", here, other)
	}
	if again := Current(); again != here {
		t.Errorf("Current() = %d, then %d in the same goroutine; want the same", here, again)
	}
}
