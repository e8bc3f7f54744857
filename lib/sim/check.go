package sim

import (
	"fmt"
	"time"

	selfcheck "github.com/parlab/parlab/lib/check" // this package has a func check (argument validation)
	"github.com/parlab/parlab/lib/timeline"
)

// Turnaround returns, for each task of s, how long it took from arriving to finishing in r (a result of
// s.Run).
func (s Scenario) Turnaround(r Result) []time.Duration {
	out := make([]time.Duration, min(len(s.Tasks), len(r.Done)))
	for i := range out {
		out[i] = r.Done[i] - s.Tasks[i].Arrive
	}
	return out
}

// slowest is the longest turnaround of the Baristas scenario with b baristas.
func slowest(b, customers int) (time.Duration, Result, error) {
	sc, err := Baristas(b, customers)
	if err != nil {
		return 0, Result{}, err
	}
	r, err := sc.Run()
	if err != nil {
		return 0, Result{}, err
	}
	var worst time.Duration
	for _, d := range sc.Turnaround(r) {
		worst = max(worst, d)
	}
	return worst, r, nil
}

// CheckBaristas is the self-check of notebook 01's barista exercise: with customers customers (arriving
// every 20 s), does the coffee shop with baristas baristas hand every customer a drink within `within`
// of arriving — with as few baristas as that takes? A drink needs 1 min of a barista's work and 40 s in
// the machine, so no number of baristas gets below 1 min 40 s. It returns the verdict and the
// simulation of the learner's coffee shop, to draw.
func CheckBaristas(baristas, customers int, within time.Duration) (selfcheck.Result, Result) {
	worst, r, err := slowest(baristas, customers)
	if err != nil {
		return selfcheck.NotYet(fmt.Sprintf("The coffee shop could not be simulated: %v.", err), "Choose a number of baristas from 1 to 64."), Result{}
	}
	fewest := 0
	for b := 1; b <= 64; b++ {
		w, _, err := slowest(b, customers)
		if err == nil && w <= within {
			fewest = b
			break
		}
	}
	switch {
	case fewest == 0:
		return selfcheck.NotYet(fmt.Sprintf("No number of baristas can hand every drink over within %v: each drink needs 1m0s "+
			"of a barista's work and 40s in the espresso machine, one after the other, so at least 1m40s.", within),
			fmt.Sprintf("Ask for %v or more.", 100*time.Second)), r
	case worst > within:
		return selfcheck.NotYet(fmt.Sprintf("With %s, the slowest of %d customers waits %v for a drink; the goal is %v.",
			plural(baristas, "barista", "baristas"), customers, worst, within),
			"A customer arrives every 20 s and needs 1 min of a barista's time — how many baristas does it take "+
				"to keep up?"), r
	case baristas > fewest:
		w, _, _ := slowest(fewest, customers)
		return selfcheck.NotYet(fmt.Sprintf("Every drink is ready within %v — but %s would do that too (slowest: %v).",
			worst, plural(fewest, "barista", "baristas"), w),
			"Baristas beyond what the work can keep busy stand idle: more parallelism than there is work at once does "+
				"not help. Try fewer."), r
	}
	msg := fmt.Sprintf("%s hand every drink over within %v (the slowest customer waits %v)",
		plural(baristas, "barista", "baristas"), within, worst)
	if baristas > 1 {
		w, _, _ := slowest(baristas-1, customers)
		msg += fmt.Sprintf("; with one fewer, someone would wait %v", w)
	}
	return selfcheck.Pass(msg + "."), r
}

// CheckJuggler is the self-check of notebook 01's juggler exercise: is balls the most balls one
// juggler can keep going (throws each) without any ball waiting for the juggler's hands? A throw takes
// 0.1 s and a ball is 0.3 s in the air, so the answer follows from how much of each cycle is waiting.
// It returns the verdict and the simulation of the learner's juggler, to draw.
func CheckJuggler(balls, throws int) (selfcheck.Result, Result) {
	waits := func(n int) (bool, Result, error) {
		sc, err := Jugglers(1, n, throws)
		if err != nil {
			return false, Result{}, err
		}
		r, err := sc.Run()
		if err != nil {
			return false, Result{}, err
		}
		for _, s := range r.Timeline.Segments {
			if s.State == timeline.Runnable {
				return true, r, nil
			}
		}
		return false, r, nil
	}
	waited, r, err := waits(balls)
	if err != nil {
		return selfcheck.NotYet(fmt.Sprintf("The juggler could not be simulated: %v.", err), "Choose a number of balls of 1 or more."), Result{}
	}
	most := 0
	for n := 1; n <= 256; n++ {
		w, _, err := waits(n)
		if err != nil || w {
			break
		}
		most = n
	}
	hint := "One cycle of a ball is a throw (0.1 s, hands busy) and a flight (0.3 s, hands free). How many throws fit into one cycle?"
	switch {
	case waited:
		return selfcheck.NotYet(fmt.Sprintf("With %d balls, some ball waits for the juggler's hands (the \"waiting for a juggler\" row "+
			"of the chart): too many.", balls), hint), r
	case balls < most:
		return selfcheck.NotYet(fmt.Sprintf("%s never wait, but the hands are idle %.0f%% of the time: more fit.",
			plural(balls, "ball", "balls"), 100*(1-r.Timeline.Utilisation()[0])), hint), r
	}
	return selfcheck.Pass(fmt.Sprintf("%d balls is the most one juggler keeps going without a ball waiting: the hands are "+
		"busy %.0f%% of the time. One more, and balls queue for the hands. Concurrency pays while there is "+
		"waiting to overlap — the idea of the next notebook.", balls, 100*r.Timeline.Utilisation()[0])), r
}
