//go:build !race

package racy

const raceEnabled = false
