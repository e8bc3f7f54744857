//go:build race

package racy

const raceEnabled = true
