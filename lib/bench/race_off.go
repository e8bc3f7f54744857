//go:build !race

package bench

// raceDetector tells whether this program was built with the race detector (-race).
const raceDetector = false
