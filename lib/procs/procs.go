package procs

import (
	"fmt"
	"os"
	"runtime"
)

// minLimit is the smallest Limit, so that even a one- or two-core machine can show what many more Ps
// than cores do.
const minLimit = 16

// Limit returns the largest GOMAXPROCS an experiment accepts: 4 × runtime.NumCPU(), and at least 16.
//
// Ps beyond the logical CPUs only take turns on them, so a few times NumCPU already shows everything
// oversubscription does. Far beyond that, each P costs memory and may hold an OS thread: with 100 000
// Ps a program hit the runtime's limit of 10 000 threads and died, and 2³¹ is a fatal error in the
// runtime itself — a learner's kernel must not die of a typo.
func Limit() int { return max(4*runtime.NumCPU(), minLimit) }

// Validate returns nil when n is a GOMAXPROCS an experiment accepts (1 … Limit()), and otherwise an
// error naming the parameter param, the value given and what is allowed.
func Validate(param string, n int) error {
	if n >= 1 && n <= Limit() {
		return nil
	}
	why := "want at least 1 (one goroutine running at a time)"
	if n > 1 {
		why = fmt.Sprintf("want at most %d (4 × this machine's %d logical CPUs, at least %d): more Ps than that only take turns on the same cores, and each costs a thread and memory",
			Limit(), runtime.NumCPU(), minLimit)
	}
	return fmt.Errorf("%s = %d is not allowed: %s", param, n, why)
}

// Set sets GOMAXPROCS to n and returns a function that puts back the setting in force before. n = 0
// leaves GOMAXPROCS as it is (restore then does nothing). A value outside 1 … Limit() is an error and
// changes nothing; param names it in the error.
//
// restore brings back the runtime's automatic default (runtime.SetDefaultGOMAXPROCS) when the
// GOMAXPROCS environment variable is unset and the default equals the value in force before, and that
// value itself otherwise. Set and restore are not safe to call beside another experiment that sets
// GOMAXPROCS: the setting is the whole process's.
func Set(param string, n int) (func(), error) {
	if n == 0 {
		return func() {}, nil
	}
	if err := Validate(param, n); err != nil {
		return nil, err
	}
	prev := runtime.GOMAXPROCS(n)
	return func() { reset(prev) }, nil
}

// reset puts GOMAXPROCS back to prev, as the automatic default when that gives prev.
func reset(prev int) {
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.SetDefaultGOMAXPROCS()
		if runtime.GOMAXPROCS(0) == prev {
			return
		}
	}
	runtime.GOMAXPROCS(prev)
}
