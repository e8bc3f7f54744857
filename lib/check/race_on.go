//go:build race

package check

// raceEnabled tells whether this program was built with the race detector (-race).
const raceEnabled = true
