//go:build race

package figure

// ganttRace: the race detector is on; tracing a million events under it takes ~50 s.
const ganttRace = true
