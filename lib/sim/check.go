package sim

import (
	"fmt"
	"strings"
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

// SharedWait returns how long the tasks of a simulation waited in all for a shared unit (an espresso
// machine) to come free, and the longest any one waited at a time: zero when the units kept up.
func (r Result) SharedWait() (total, longest time.Duration) {
	for _, s := range r.Timeline.Segments {
		if s.State == timeline.Blocked && strings.HasPrefix(s.Reason, "waiting for a ") && s.Duration() > 0 {
			total += s.Duration()
			longest = max(longest, s.Duration())
		}
	}
	return total, longest
}

// checkLimit is how long a learner's function may take before a check gives up on it.
const checkLimit = 10 * time.Second

// checkCustomers is how many customers the barista check's coffee shop serves: enough for a line that
// grows to show.
const checkCustomers = 12

// neededCase is one question a check asks a learner's function: for a customer every Arrival and Service
// of work each, how many workers keep up.
type neededCase struct{ arrival, service time.Duration }

// neededCases are the questions of CheckBaristasNeeded: the coffee shop's (baristas, then machines), a
// division that is exact, some that are not (rounding down falls behind), and a single worker with room
// to spare.
var neededCases = []neededCase{
	{CustomerEvery, BaristaTime}, {CustomerEvery, MachineTime}, {30 * time.Second, time.Minute},
	{45 * time.Second, time.Minute}, {40 * time.Second, time.Minute}, {25 * time.Second, 2 * time.Minute},
	{7 * time.Second, time.Minute}, {time.Minute, time.Minute}, {90 * time.Second, time.Minute},
}

// Needed returns the fewest workers that keep up with a customer every arrival when each needs service
// of one worker's time: ⌈service / arrival⌉, at least 1. With fewer, work arrives faster than the workers
// get through it and the line grows without end; with that many, each is busy service/(n·arrival) of
// the time, at most 100%. arrival must be positive.
func Needed(arrival, service time.Duration) int {
	if arrival <= 0 {
		return 0
	}
	n := service / arrival
	if service%arrival != 0 {
		n++
	}
	return max(1, int(n))
}

// CheckBaristasNeeded is the self-check of notebook 01's barista exercise: baristasNeeded(arrival,
// service) must return the fewest baristas that keep up with a customer every arrival when each drink
// needs service of a barista's time (Needed). It asks several questions, calls the learner's function
// through check.Call (a hang or a panic becomes a hint) and diagnoses a wrong answer: rounded down (the
// line grows), one too many, the division upside down. The same function answers for the espresso
// machines (40 s each); the Result is the coffee shop of Baristas with the learner's answers for the
// shop's numbers (each clamped to 1 … 64), serving 12 customers, to draw.
func CheckBaristasNeeded(baristasNeeded func(arrival, service time.Duration) int) (selfcheck.Result, Result) {
	return checkBaristasNeeded(baristasNeeded, checkLimit)
}

func checkBaristasNeeded(f func(arrival, service time.Duration) int, limit time.Duration) (selfcheck.Result, Result) {
	if f == nil {
		return selfcheck.NotYet("The function is nil.", "Pass your function: sim.CheckBaristasNeeded(baristasNeeded)."), Result{}
	}
	answers := make([]int, len(neededCases))
	for i, c := range neededCases {
		what := fmt.Sprintf("baristasNeeded(%v, %v)", c.arrival, c.service)
		got, err := selfcheck.Call(limit, func() int { return f(c.arrival, c.service) })
		if err != nil {
			return selfcheck.Explain(what, err), Result{}
		}
		answers[i] = got
		if want := Needed(c.arrival, c.service); got != want {
			return selfcheck.NotYet(fmt.Sprintf("%s = %d; want %d.", what, got, want), neededHint(c, got, want)), shop(answers[0], answers[1])
		}
	}
	b, m := answers[0], answers[1]
	r := shop(b, m)
	msg := fmt.Sprintf("Right for all %d questions. The coffee shop — a customer every %v, %v of a barista's work and %v in a machine each — "+
		"needs %d baristas and %d espresso machines (your function, asked for each)", len(neededCases), CustomerEvery, BaristaTime, MachineTime, b, m)
	if worst, ok := slowestDrink(b, m); ok {
		msg += fmt.Sprintf(": simulated, each of %d customers has a drink within %v", checkCustomers, worst)
		if fewer, ok := slowestDrink(b-1, m); ok && b > 1 {
			msg += fmt.Sprintf(", while with %d baristas the last would wait %v — the line grows by %v with every customer", b-1, fewer, BaristaTime/time.Duration(b-1)-CustomerEvery)
		}
	}
	return selfcheck.Pass(msg + "."), r
}

// neededHint diagnoses a wrong answer to the question c.
func neededHint(c neededCase, got, want int) string {
	ratio := float64(c.service) / float64(c.arrival)
	switch {
	case got < 1:
		return fmt.Sprintf("Even with little work someone must serve: at least 1. Did you divide the other way round (arrival ÷ service = %.2f)?", 1/ratio)
	case got < want && c.service%c.arrival == 0:
		return fmt.Sprintf("With %s, %v of work arrives every %v, but they get through only %v in that time: the line grows "+
			"with every customer. How many baristas' worth of work arrives between two customers?",
			plural(got, "barista", "baristas"), c.service, c.arrival, time.Duration(got)*c.arrival)
	case got < want:
		return fmt.Sprintf("With %s, %v of work arrives every %v, but they get through only %v in that time: the line grows "+
			"with every customer. %v ÷ %v = %.2f: round up (math.Ceil) — a part of a barista is not enough.",
			plural(got, "barista", "baristas"), c.service, c.arrival, time.Duration(got)*c.arrival, c.service, c.arrival, ratio)
	case got > want && c.service%c.arrival == 0:
		return fmt.Sprintf("%d is enough: %d baristas get through %v of work every %v — exactly what arrives, so each is busy all the time "+
			"and the line does not grow. Round up only when the division is not exact.", want, want, time.Duration(want)*c.arrival, c.arrival)
	case got > want:
		return fmt.Sprintf("%d already keep up: %v ÷ %v = %.2f, rounded up is %d. More baristas than the work keeps busy stand idle.",
			want, c.service, c.arrival, ratio, want)
	}
	return "How many baristas' worth of work arrives per unit of time: service ÷ arrival, rounded up."
}

// shop simulates the coffee shop with b baristas and m machines (each clamped to 1 … 64) and 12
// customers, for the chart of the exercise.
func shop(b, m int) Result {
	sc, err := Baristas(min(max(b, 1), 64), min(max(m, 1), 64), checkCustomers)
	if err != nil {
		return Result{}
	}
	r, err := sc.Run()
	if err != nil {
		return Result{}
	}
	return r
}

// slowestDrink is the longest any of the check's customers waits for a drink with b baristas and m
// machines, and whether the shop could be simulated.
func slowestDrink(b, m int) (time.Duration, bool) {
	sc, err := Baristas(b, m, checkCustomers)
	if err != nil {
		return 0, false
	}
	r, err := sc.Run()
	if err != nil {
		return 0, false
	}
	var worst time.Duration
	for _, d := range sc.Turnaround(r) {
		worst = max(worst, d)
	}
	return worst, true
}

// ballCases are the questions of CheckMaxBalls: notebook 01's juggler first, then divisions that are
// exact and not, a throw longer than a flight and no flight at all.
var ballCases = [][2]time.Duration{
	{100 * time.Millisecond, 300 * time.Millisecond}, {100 * time.Millisecond, 250 * time.Millisecond},
	{200 * time.Millisecond, 200 * time.Millisecond}, {150 * time.Millisecond, 400 * time.Millisecond},
	{300 * time.Millisecond, 100 * time.Millisecond}, {50 * time.Millisecond, time.Second}, {100 * time.Millisecond, 0},
}

// MaxBalls returns the most balls one juggler keeps going without any ball waiting for the hands, when a
// catch-and-throw takes throw (> 0) of the hands and a flight lasts flight (≥ 0): while one ball flies,
// the hands throw ⌊flight/throw⌋ others, so 1 + ⌊flight/throw⌋. It returns 0 when throw ≤ 0.
func MaxBalls(throw, flight time.Duration) int {
	if throw <= 0 || flight < 0 {
		return 0
	}
	return 1 + int(flight/throw)
}

// CheckMaxBalls is the self-check of notebook 01's juggler exercise: maxBalls(throw, flight) must return
// the most balls one juggler keeps going without any ball waiting for the hands (MaxBalls; the simulation
// of Jugglers agrees). It asks several questions through check.Call and diagnoses a wrong answer:
// forgetting the ball in the hands, rounding up, dividing the whole cycle. The Result is one juggler with
// the learner's answer for 0.1 s throws and 0.3 s flights (clamped to 1 … 256), 6 throws each, to draw.
func CheckMaxBalls(maxBalls func(throw, flight time.Duration) int) (selfcheck.Result, Result) {
	return checkMaxBalls(maxBalls, checkLimit)
}

func checkMaxBalls(f func(throw, flight time.Duration) int, limit time.Duration) (selfcheck.Result, Result) {
	if f == nil {
		return selfcheck.NotYet("The function is nil.", "Pass your function: sim.CheckMaxBalls(maxBalls)."), Result{}
	}
	var first int
	for i, c := range ballCases {
		throw, flight := c[0], c[1]
		what := fmt.Sprintf("maxBalls(%v, %v)", throw, flight)
		got, err := selfcheck.Call(limit, func() int { return f(throw, flight) })
		if err != nil {
			return selfcheck.Explain(what, err), Result{}
		}
		if i == 0 {
			first = got
		}
		if want := MaxBalls(throw, flight); got != want {
			return selfcheck.NotYet(fmt.Sprintf("%s = %d; want %d.", what, got, want), ballsHint(throw, flight, got, want)), juggler(first)
		}
	}
	r := juggler(first)
	return selfcheck.Pass(fmt.Sprintf("Right for all %d questions. With 0.1 s throws and 0.3 s flights one juggler keeps %d balls going: "+
		"the hands are busy %.0f%% of the time (simulated below); one more, and a ball lands before the hands are free. "+
		"Concurrency pays as long as there is waiting to overlap — the subject of the next notebook.",
		len(ballCases), first, 100*r.Timeline.Utilisation()[0])), r
}

// ballsHint diagnoses a wrong answer for a throw and a flight.
func ballsHint(throw, flight time.Duration, got, want int) string {
	switch {
	case got == int(flight/throw) && got == want-1:
		return fmt.Sprintf("While one ball flies for %v, the hands throw %d others (%v each) — and the ball in the air is one more.", flight, got, throw)
	case got == want+1:
		return fmt.Sprintf("With %d balls, a ball lands before the hands are free: %d throws of %v take %v, longer than one flight of %v. "+
			"Count only the throws that fit entirely (integer division rounds down).", got, got-1, throw, time.Duration(got-1)*throw, flight)
	case got < 1:
		return "One ball can always be juggled: the answer is at least 1."
	}
	return fmt.Sprintf("One cycle of a ball is a throw (%v, hands busy) and a flight (%v, hands free). How many throws fit into one "+
		"cycle without two needing the hands at once?", throw, flight)
}

// juggler simulates one juggler with balls balls (clamped to 1 … 256), 6 throws each.
func juggler(balls int) Result {
	sc, err := Jugglers(1, min(max(balls, 1), 256), 6)
	if err != nil {
		return Result{}
	}
	r, err := sc.Run()
	if err != nil {
		return Result{}
	}
	return r
}

// ballWaits reports whether, with one juggler, balls balls of the given throw and flight (throws each),
// some ball ever waits for the hands: the simulation behind MaxBalls.
func ballWaits(balls, throws int, throw, flight time.Duration) (bool, error) {
	sc, err := juggle(1, balls, throws, throw, flight)
	if err != nil {
		return false, err
	}
	r, err := sc.Run()
	if err != nil {
		return false, err
	}
	for _, s := range r.Timeline.Segments {
		if s.State == timeline.Runnable {
			return true, nil
		}
	}
	return false, nil
}
