package render

import (
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/check"
)

func quickQueue() queueConfig {
	c := defaultQueueConfig()
	c.limit, c.quiet = 2*time.Second, 150*time.Millisecond
	return c
}

// Right answers.

func atomicQueue(tiles, workers int, draw func(int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= tiles {
					return
				}
				draw(i)
			}
		})
	}
	wg.Wait()
}

func channelQueue(tiles, workers int, draw func(int)) {
	queue := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range queue {
				draw(i)
			}
		})
	}
	for i := range tiles {
		queue <- i
	}
	close(queue)
	wg.Wait()
}

// pairsQueue takes two tiles at a time: still a queue, a little coarser.
func pairsQueue(tiles, workers int, draw func(int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(2)) - 2
				if i >= tiles {
					return
				}
				draw(i)
				if i+1 < tiles {
					draw(i + 1)
				}
			}
		})
	}
	wg.Wait()
}

// Wrong answers.

func serialQueue(tiles, workers int, draw func(int)) {
	for i := range tiles {
		draw(i)
	}
}

func blocksQueue(tiles, workers int, draw func(int)) {
	var wg sync.WaitGroup
	for k := range workers {
		wg.Go(func() {
			for i := k * tiles / workers; i < (k+1)*tiles/workers; i++ {
				draw(i)
			}
		})
	}
	wg.Wait()
}

func cyclicQueue(tiles, workers int, draw func(int)) {
	var wg sync.WaitGroup
	for k := range workers {
		wg.Go(func() {
			for i := k; i < tiles; i += workers {
				draw(i)
			}
		})
	}
	wg.Wait()
}

func everyoneEverything(tiles, workers int, draw func(int)) {
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range tiles {
				draw(i)
			}
		})
	}
	wg.Wait()
}

func offByOne(tiles, workers int, draw func(int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) // forgets the −1: tile 0 is skipped, tile "tiles" is asked for
				if i > tiles {
					return
				}
				draw(i)
			}
		})
	}
	wg.Wait()
}

func noWait(tiles, workers int, draw func(int)) {
	var next atomic.Int64
	for range workers {
		go func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= tiles {
					return
				}
				draw(i)
			}
		}()
	}
}

func goroutinePerTile(tiles, workers int, draw func(int)) {
	var wg sync.WaitGroup
	for i := range tiles {
		wg.Go(func() { draw(i) })
	}
	wg.Wait()
}

// hangsUntil returns an answer that hangs until release is closed (the test closes it when it is over, so
// goleak, which checks after the tests, finds nothing; one channel per run keeps -count=N working).
func hangsUntil(release chan struct{}) QueueFunc {
	return func(tiles, workers int, draw func(int)) { <-release }
}

func panics(tiles, workers int, draw func(int)) {
	var s []int
	_ = s[tiles]
}

func TestCheckQueue(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	cases := []struct {
		name  string
		fn    QueueFunc
		want  check.Outcome
		words []string // in the message or hint
	}{
		{"atomic counter", atomicQueue, check.Passed, []string{"exactly once", "held goroutine drew 1 tile"}},
		{"channel", channelQueue, check.Passed, []string{"exactly once"}},
		{"two at a time", pairsQueue, check.Passed, []string{"held goroutine drew 2 tiles"}},
		{"serial", serialQueue, check.NotPassed, []string{"by one goroutine", "Start workers goroutines"}},
		{"blocks", blocksQueue, check.NotPassed, []string{"drew 21 tiles", "static split"}},
		{"cyclic", cyclicQueue, check.NotPassed, []string{"drew 21 tiles", "static split"}},
		{"everyone draws everything", everyoneEverything, check.NotPassed, []string{"more than once", "every goroutine loop"}},
		{"off by one", offByOne, check.NotPassed, []string{"draw(84)", "Add(1) − 1"}},
		{"no wait", noWait, check.NotPassed, []string{"returned when only", "wg.Wait()"}},
		{"goroutine per tile", goroutinePerTile, check.NotPassed, []string{"84 goroutines drew tiles", "exactly workers goroutines"}},
		{"hangs", hangsUntil(release), check.NotPassed, []string{"did not return within"}},
		{"panics", panics, check.NotPassed, []string{"panicked"}},
		{"nil", nil, check.NotPassed, []string{"nil"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := checkQueue(c.fn, quickQueue())
			if r.Outcome != c.want {
				t.Fatalf("outcome %v; want %v\n%s", r.Outcome, c.want, r)
			}
			text := r.Message + " " + r.Hint
			for _, w := range c.words {
				if !strings.Contains(text, w) {
					t.Errorf("result does not say %q:\n%s", w, r)
				}
			}
		})
	}
}

func TestCheckTile(t *testing.T) {
	cfg := defaultTileConfig()
	cfg.width, cfg.height, cfg.rounds = 160, 90, 6
	for _, c := range []struct {
		tile int
		word string
	}{{0, "not a tile size"}, {-5, "not a tile size"}, {1, "small extreme"}, {160, "large extreme"}, {5000, "not a tile size"}} {
		r := checkTile(c.tile, cfg)
		if r.Outcome != check.NotPassed || !strings.Contains(r.Message, c.word) {
			t.Errorf("tile %d: %s; want not yet, saying %q", c.tile, r, c.word)
		}
	}
	// A good size is never failed, however busy the machine: passed, or too busy to judge.
	r := checkTile(16, cfg)
	if r.Outcome == check.NotPassed {
		t.Errorf("tile 16: %s; want passed or too busy to judge", r)
	}
	t.Log(r)
}
