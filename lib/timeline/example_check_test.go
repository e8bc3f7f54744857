package timeline_test

import (
	"fmt"
	"sync"

	"github.com/parlab/parlab/lib/timeline"
)

// The self-check of "make it concurrent": the two pieces one after the other never pass, in two
// goroutines they do.
func ExampleCheckInterleaved() {
	serial := func(piece func()) {
		piece()
		piece()
	}
	concurrent := func(piece func()) {
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(piece)
		}
		wg.Wait()
	}
	for _, f := range []func(func()){serial, concurrent} {
		r, tl := timeline.CheckInterleaved(f)
		fmt.Println(r.Outcome, tl.Title)
	}
	// Output:
	// not yet GOMAXPROCS=1
	// passed GOMAXPROCS=1
}
