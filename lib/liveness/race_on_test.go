//go:build race

package liveness

// raceEnabled: this test binary is built with -race, whose runtime never reports a deadlock
// (go.dev/issue/20588).
const raceEnabled = true
