package sim

import (
	"fmt"
	"time"
)

// goQuantum is the time slice of Go's scheduler: a goroutine that has run for about 10 ms while others
// wait is preempted.
const goQuantum = 10 * time.Millisecond

// Goroutines models a Go program that starts goroutines goroutines at once, each computing for work and
// never waiting, on a machine with cores cores, sliced by Go's 10 ms quantum. It shows what a traced
// program would do on a machine the learner does not have (16 cores, say): with fewer goroutines than
// cores, some cores stay idle. cores is from 1 to 1024, goroutines from 1 to 10 000 and work from 1 µs to
// one minute; Run refuses a scenario whose time slices would be too many (see Run).
func Goroutines(cores, goroutines int, work time.Duration) (Scenario, error) {
	for _, e := range []error{positive("cores", cores, 1024), positive("goroutines", goroutines, 10_000)} {
		if e != nil {
			return Scenario{}, e
		}
	}
	if work < time.Microsecond || work > time.Minute {
		return Scenario{}, fmt.Errorf("sim: work is %v; want 1µs…1m0s of computing per goroutine", work)
	}
	sc := Scenario{
		Name:   fmt.Sprintf("%s, %s", plural(cores, "core", "cores"), plural(goroutines, "goroutine", "goroutines")),
		About:  "Each core runs one goroutine at a time; with more goroutines than cores they take turns, with fewer some cores idle.",
		Config: Config{Cores: cores, Quantum: goQuantum, LaneName: "core"},
	}
	for g := range goroutines {
		sc.Tasks = append(sc.Tasks, Task{Name: fmt.Sprintf("goroutine %d", g+1), Phases: []Phase{Compute("compute", work)}})
	}
	return sc, nil
}
