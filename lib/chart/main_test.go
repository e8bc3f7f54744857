package chart

import (
	"testing"

	"go.uber.org/goleak"
)

// The chart builders start no goroutines, but some fit models (gonum's optimizer) and the browser tests do:
// none may outlive a test.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
