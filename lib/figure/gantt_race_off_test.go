//go:build !race

package figure

const ganttRace = false
