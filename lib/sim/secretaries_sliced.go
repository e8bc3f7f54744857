package sim

import (
	"fmt"
	"time"
)

// SecretariesSliced is Secretaries with another time slice: each job runs for at most quantum while the
// other waits before the secretary switches; quantum 0 runs each stretch of work to completion (the
// book, once started, is finished before the phone is answered again). quantum is 0 or from 1 s to 1 h.
func SecretariesSliced(secretaries int, quantum time.Duration) (Scenario, error) {
	if quantum != 0 && (quantum < time.Second || quantum > time.Hour) {
		return Scenario{}, fmt.Errorf("sim: quantum is %v; want 0 (run to completion) or 1s…1h0m0s", quantum)
	}
	sc, err := Secretaries(secretaries)
	if err != nil {
		return Scenario{}, err
	}
	sc.Config.Quantum = quantum
	if quantum == 0 {
		sc.Name += ", run to completion"
	} else {
		sc.Name += ", switching every " + short(quantum)
	}
	return sc, nil
}

// short writes a duration without trailing zero units: 1m, 30s, 1m30s.
func short(d time.Duration) string {
	s := d.String()
	for _, z := range []string{"m0s", "h0m"} {
		if len(s) > len(z) && s[len(s)-len(z):] == z {
			s = s[:len(s)-len(z)+1]
		}
	}
	return s
}
