//go:build !race

package chart

const ganttRace = false
