package timeline

import (
	"fmt"
	"sync/atomic"
	"time"

	"github.com/parlab/parlab/lib/check"
	"github.com/parlab/parlab/lib/internal/goid"
)

// interleaveConfig sizes CheckInterleaved; tests make it smaller.
type interleaveConfig struct {
	limit     time.Duration // for the learner's function
	chunk     int           // squares per chunk of a piece (≈ 30 µs on the development machine)
	minChunks int           // chunks a piece does at least (≈ 30 ms: three of Go's time slices)
	wait      time.Duration // how long a piece goes on while no other piece has begun
}

func defaultInterleaveConfig() interleaveConfig {
	return interleaveConfig{limit: 10 * time.Second, chunk: 100_000, minChunks: 1000, wait: time.Second}
}

// maxPieces is the most calls of piece that are tracked; more are counted and do no work.
const maxPieces = 8

// CheckInterleaved is the self-check of the exercise "make this program concurrent" (notebook 01).
// f(piece) must call piece twice, so that the two pieces run concurrently, and wait for both before it
// returns. CheckInterleaved runs f with GOMAXPROCS=1, traced (the Timeline it returns is that trace, to
// draw), and judges from the work itself, not from the trace: each piece counts the chunks of work it
// has done. The pieces ran concurrently when, at the moment the first of them finished, the other had
// already done some of its work — on one P that happens only by taking turns.
//
// So that the verdict depends on the program's structure and not on timing or load, a piece is at
// least 30 ms of computing (more than Go's 10 ms time slice) and goes on computing, for up to a second,
// while no other piece has begun: if f has started the other piece in a goroutine of its own, Go's
// scheduler hands it the P within a time slice or so and it begins; if f would start it only after this
// one returns, nothing can begin, and the piece ends after the second. A serial f therefore never
// passes, however busy the machine, and takes a second longer to check; a concurrent f passes unless
// the scheduler does not switch goroutines for a whole second.
//
// f is called through check.Call (10 s limit, panics recovered, goroutines left running reported).
// CheckInterleaved waits for pieces still running when f returned (a piece ends within about a second).
func CheckInterleaved(f func(piece func())) (check.Result, Timeline) {
	return checkInterleaved(f, defaultInterleaveConfig())
}

func checkInterleaved(f func(piece func()), cfg interleaveConfig) (check.Result, Timeline) {
	if f == nil {
		return check.NotYet("The function is nil.", "Pass your function: timeline.CheckInterleaved(twoPieces)."), Timeline{}
	}
	p := &pieces{cfg: cfg, log: make([]atomic.Int32, 1<<17)}
	var callErr error
	var returned struct{ finished int32 } // pieces finished when f returned
	tl, err := Trace(1, func() {
		_, callErr = check.Call(cfg.limit, func() struct{} {
			p.caller.Store(goid.Current())
			f(p.piece)
			returned.finished = p.finished.Load()
			return struct{}{}
		})
	})
	p.waitForPieces()
	if err != nil {
		return check.NotYet("The check could not trace the program: "+err.Error()+".", ""), Timeline{}
	}
	if callErr != nil {
		return check.Explain("twoPieces(piece)", callErr), tl
	}
	total := p.started.Load() // also the pieces begun after twoPieces returned
	switch {
	case total == 0:
		return check.NotYet("twoPieces never called piece.", "Call piece twice: each call is one piece of work."), tl
	case returned.finished < total:
		return check.NotYet(fmt.Sprintf("twoPieces returned while %d of its %d %s had not finished.", total-returned.finished, total, plural(int(total), "piece", "pieces")),
			"Wait for the goroutines you start before returning: sync.WaitGroup — Add before go, Done when each ends, "+
				"Wait before returning."), tl
	case total == 1:
		return check.NotYet("twoPieces called piece once; the exercise has two pieces of work.", "Call piece twice, each in its own goroutine."), tl
	case total > 2:
		return check.NotYet(fmt.Sprintf("twoPieces called piece %d times; the exercise has two pieces of work.", total),
			"Call piece exactly twice, each in its own goroutine."), tl
	}
	if p.overlap.Load() {
		return check.Pass(fmt.Sprintf("The two pieces were in progress at the same time on one P, taking turns: the work "+
			"passed from one piece to the other %s. That is concurrency without parallelism.", times(p.switches()))), tl
	}
	msg := "The second piece began only after the first had finished: they ran one after the other."
	switch first, second, caller := p.goid[0].Load(), p.goid[1].Load(), p.caller.Load(); {
	case first == second && first == caller:
		return check.NotYet(msg+" Both ran in twoPieces' own goroutine.",
			"Start each piece in its own goroutine (go), and wait for both before returning (sync.WaitGroup)."), tl
	case first == second:
		return check.NotYet(msg+" Both ran in the same goroutine, one that twoPieces started.",
			"Start each piece in a goroutine of its own (two go statements), then wait for both."), tl
	case first != caller && second != caller:
		return check.NotYet(msg+" Each had a goroutine of its own, but the second goroutine was started only after the first had ended.",
			"Start both goroutines first, then wait for both once: a wg.Wait() (or a receive) between the two go statements "+
				"makes the second wait for the first."), tl
	}
	return check.NotYet(msg, "Start the second piece before the first has run to its end — in a goroutine of its own — then wait for both."), tl
}

// pieces is the work CheckInterleaved gives f: each call of piece is one piece, counting its chunks.
type pieces struct {
	cfg      interleaveConfig
	caller   atomic.Int64 // the goroutine that runs f
	started  atomic.Int32 // calls of piece
	finished atomic.Int32
	done     [maxPieces]atomic.Int64 // chunks done by each piece
	ended    [maxPieces]atomic.Bool
	goid     [maxPieces]atomic.Int64 // the goroutine that ran each piece
	overlap  atomic.Bool             // when the first piece finished, another had begun and not finished
	next     atomic.Int64            // chunks done by all pieces: index into log
	log      []atomic.Int32          // which piece did each chunk, in order
}

var pieceSink atomic.Int64

func (p *pieces) piece() {
	n := int(p.started.Add(1)) - 1
	if n >= maxPieces {
		p.finished.Add(1)
		return
	}
	p.goid[n].Store(goid.Current())
	deadline := time.Now().Add(p.cfg.wait)
	for k := 0; ; k++ {
		if k >= p.cfg.minChunks && (p.othersBegun(n) || time.Now().After(deadline)) {
			break
		}
		var s int
		for i := range p.cfg.chunk {
			s += i * i
		}
		pieceSink.Add(int64(s & 1))
		p.done[n].Add(1)
		if i := p.next.Add(1) - 1; i < int64(len(p.log)) {
			p.log[i].Store(int32(n))
		}
	}
	if p.finished.Add(1) == 1 { // the first piece to finish: was another in progress?
		for j := range maxPieces {
			if j != n && p.done[j].Load() > 0 && !p.ended[j].Load() {
				p.overlap.Store(true)
			}
		}
	}
	p.ended[n].Store(true)
}

// othersBegun reports whether another piece has done some work, or finished: then piece n need not wait.
func (p *pieces) othersBegun(n int) bool {
	for j := range maxPieces {
		if j != n && (p.done[j].Load() > 0 || p.ended[j].Load()) {
			return true
		}
	}
	return false
}

// switches counts how often the work passed from one piece to another.
func (p *pieces) switches() int {
	n := min(p.next.Load(), int64(len(p.log)))
	count := 0
	for i := int64(1); i < n; i++ {
		if p.log[i].Load() != p.log[i-1].Load() {
			count++
		}
	}
	return count
}

// waitForPieces waits until every piece that started has finished, at most a little longer than a
// piece can take, so that the check leaves no piece running (f's own goroutines are f's business).
func (p *pieces) waitForPieces() {
	deadline := time.Now().Add(p.cfg.wait + 5*time.Second)
	for p.finished.Load() < p.started.Load() && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func times(n int) string {
	if n == 1 {
		return "once"
	}
	return fmt.Sprintf("%d times", n)
}
