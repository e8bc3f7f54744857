//go:build race

package sim

// raceEnabled: the race detector is on, which changes what goroutines cost.
const raceEnabled = true
