package sim

import (
	"fmt"
	"time"
)

// Scenario is a ready-made simulation: the course's analogies, runnable at any core count.
type Scenario struct {
	// Name is a short title: "1 juggler, 3 balls".
	Name string
	// About says in a sentence or two what to look for in the picture.
	About  string
	Config Config
	Tasks  []Task
}

// Run simulates the scenario; the timeline's title is the scenario's name.
func (s Scenario) Run() (Result, error) {
	r, err := Run(s.Config, s.Tasks)
	if err != nil {
		return Result{}, fmt.Errorf("%s: %w", s.Name, err)
	}
	r.Timeline.Title = s.Name
	return r, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

func positive(what string, n, most int) error {
	if n < 1 || n > most {
		return fmt.Errorf("sim: %s is %d; want 1…%d", what, n, most)
	}
	return nil
}

// Jugglers returns the juggling scenario: each ball is a task that needs a pair of hands for a catch-and-throw (0.1 s, CPU) and then
// flies for 0.3 s (IO), throws times. One juggler keeps several balls going by alternating throws —
// concurrency on one pair of hands; up to 4 balls per juggler fit (MaxBalls), beyond that balls wait to be
// thrown. Two jugglers throw at the same instant — parallelism.
func Jugglers(jugglers, balls, throws int) (Scenario, error) {
	return juggle(jugglers, balls, throws, 100*time.Millisecond, 300*time.Millisecond)
}

// juggle is Jugglers with a catch-and-throw of throw and a flight of flight.
func juggle(jugglers, balls, throws int, throw, flight time.Duration) (Scenario, error) {
	for _, e := range []error{positive("jugglers", jugglers, 64), positive("balls", balls, 256), positive("throws", throws, 1000)} {
		if e != nil {
			return Scenario{}, e
		}
	}
	sc := Scenario{
		Name:   fmt.Sprintf("%s, %s", plural(jugglers, "juggler", "jugglers"), plural(balls, "ball", "balls")),
		About:  "A juggler's hands (a core) throw one ball at a time; while a ball is in the air (waiting), the hands throw another.",
		Config: Config{Cores: jugglers, LaneName: "juggler"},
	}
	for b := range balls {
		var ph []Phase
		for range throws {
			ph = append(ph, Compute("catch and throw", throw), Wait("in the air", flight))
		}
		// Balls join one after the other, as a juggler starts them.
		sc.Tasks = append(sc.Tasks, Task{Name: fmt.Sprintf("ball %d", b+1), Arrive: time.Duration(b/jugglers) * throw, Phases: ph})
	}
	return sc, nil
}

// Secretaries returns the office scenario: one job is the phone (three calls of 2 min each, 3 min apart), the other is checking
// the appointment book (12 min of work). One secretary alternates between them, switching every minute
// (time slicing), and checks the book while the phone is quiet; two secretaries do both at once.
func Secretaries(secretaries int) (Scenario, error) {
	if err := positive("secretaries", secretaries, 64); err != nil {
		return Scenario{}, err
	}
	const m = time.Minute
	phone := []Phase{Compute("answer a call", 2*m), Wait("phone quiet", 3*m), Compute("answer a call", 2*m), Wait("phone quiet", 3*m), Compute("answer a call", 2*m)}
	return Scenario{
		Name:   plural(secretaries, "secretary", "secretaries"),
		About:  "One secretary deals with both jobs by switching between them (concurrency); two do them at the same time (parallelism).",
		Config: Config{Cores: secretaries, Quantum: m, LaneName: "secretary"},
		Tasks: []Task{
			{Name: "phone", Phases: phone},
			{Name: "appointment book", Phases: []Phase{Compute("check appointments", 12*m)}},
		},
	}, nil
}

// Baristas returns the coffee-shop scenario: customers arrive every 20 s; each needs a barista to take the
// order (20 s) and prepare the shot (20 s), then one of the shop's espresso machines for 40 s — a shared
// resource: a shot that finds every machine busy waits in line for one — and a barista again to finish
// the drink and hand it over (20 s). While a machine runs, the barista who started it is free to take the
// next order: one barista alternates between drinks (concurrency), and the machine works at the same
// time as she does (a second worker: the way a disk or a database works while a core computes).
// Several baristas make drinks at the same moment (parallelism); past what the machines can brew —
// one drink per 40 s each — more baristas only make the line for the machines longer.
//
// baristas and machines are 1 … 64, customers 1 … 1000. The result's Shared timeline shows the
// machines.
func Baristas(baristas, machines, customers int) (Scenario, error) {
	for _, e := range []error{positive("baristas", baristas, 64), positive("machines", machines, 64), positive("customers", customers, 1000)} {
		if e != nil {
			return Scenario{}, e
		}
	}
	sc := Scenario{
		Name: fmt.Sprintf("%s, %s, %s", plural(baristas, "barista", "baristas"), plural(machines, "machine", "machines"),
			plural(customers, "customer", "customers")),
		About:  "While an espresso machine runs, a barista is free to take the next order; more baristas serve customers side by side, as long as there are machines for their shots.",
		Config: Config{Cores: baristas, LaneName: "barista", Shared: machines, SharedName: "machine"},
	}
	for c := range customers {
		sc.Tasks = append(sc.Tasks, Task{
			Name:   fmt.Sprintf("customer %d", c+1),
			Arrive: time.Duration(c) * CustomerEvery,
			Phases: []Phase{Compute("take order", 20*time.Second), Compute("prepare shot", 20*time.Second),
				Use("espresso machine", MachineTime), Compute("finish and hand over", 20*time.Second)},
		})
	}
	return sc, nil
}

// The coffee shop's numbers (Baristas): a customer arrives every CustomerEvery; each drink needs
// BaristaTime of a barista's work and MachineTime in an espresso machine.
const (
	CustomerEvery = 20 * time.Second
	BaristaTime   = 60 * time.Second
	MachineTime   = 40 * time.Second
)

// WebServer returns the web-server scenario: a request arrives every 2 ms; each parses (0.5 ms CPU), queries a database (10 ms IO) and
// renders a page (1 ms CPU), on cores cores with Go's 10 ms time slice. Many requests are unfinished at
// once; the server stays responsive because waiting requests leave the cores to others.
func WebServer(cores, requests int) (Scenario, error) {
	for _, e := range []error{positive("cores", cores, 1024), positive("requests", requests, 100_000)} {
		if e != nil {
			return Scenario{}, e
		}
	}
	const ms = time.Millisecond
	sc := Scenario{
		Name:   fmt.Sprintf("web server, %s, %s", plural(cores, "core", "cores"), plural(requests, "request", "requests")),
		About:  "Requests overlap in time: while one waits for the database, a core serves another.",
		Config: Config{Cores: cores, Quantum: 10 * ms, LaneName: "core"},
	}
	for r := range requests {
		sc.Tasks = append(sc.Tasks, Task{
			Name:   fmt.Sprintf("request %d", r+1),
			Arrive: time.Duration(r) * 2 * ms,
			Phases: []Phase{Compute("parse", ms/2), Wait("database", 10*ms), Compute("render", ms)},
		})
	}
	return sc, nil
}

// maxTasks bounds the tasks CPUBound and IOBound make, as WebServer bounds its requests.
const maxTasks = 100_000

// CPUBound returns n tasks (1 … 100 000) that each compute for d (≥ 0): work that only more cores can
// speed up.
func CPUBound(n int, d time.Duration) ([]Task, error) {
	if err := positive("n", n, maxTasks); err != nil {
		return nil, err
	}
	if d < 0 {
		return nil, fmt.Errorf("sim: d is %v; want 0 or more computing per task", d)
	}
	tasks := make([]Task, 0, n)
	for i := range n {
		tasks = append(tasks, Task{Name: fmt.Sprintf("compute %d", i+1), Phases: []Phase{Compute("compute", d)}})
	}
	return tasks, nil
}

// IOBound returns n tasks (1 … 100 000) that each, rounds times, compute for c and then wait for w (both
// ≥ 0): work that concurrency speeds up even on one core, because one task's wait is another's turn.
// n × rounds is at most a million.
func IOBound(n, rounds int, c, w time.Duration) ([]Task, error) {
	if err := positive("n", n, maxTasks); err != nil {
		return nil, err
	}
	if err := positive("rounds", rounds, maxEvents/2/n); err != nil {
		return nil, fmt.Errorf("%w (n × rounds at most %d)", err, maxEvents/2)
	}
	if c < 0 || w < 0 {
		return nil, fmt.Errorf("sim: c is %v and w is %v; want 0 or more of computing (c) and of waiting (w)", c, w)
	}
	tasks := make([]Task, 0, n)
	for i := range n {
		ph := make([]Phase, 0, 2*rounds)
		for range rounds {
			ph = append(ph, Compute("compute", c), Wait("wait for I/O", w))
		}
		tasks = append(tasks, Task{Name: fmt.Sprintf("request %d", i+1), Phases: ph})
	}
	return tasks, nil
}
