package figure

import (
	"testing"

	"go.uber.org/goleak"
)

// The figures start no goroutines, but the traced timelines and the browser test do: none may outlive a
// test.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
