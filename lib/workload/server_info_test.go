package workload

import (
	"testing"
	"time"
)

func TestServerLatencyCapacity(t *testing.T) {
	srv, err := NewServer(3*time.Millisecond, 7)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if got, want := srv.Latency(), 3*time.Millisecond; got != want {
		t.Errorf("Latency() = %v; want %v", got, want)
	}
	if got, want := srv.Capacity(), 7; got != want {
		t.Errorf("Capacity() = %d; want %d", got, want)
	}
}
