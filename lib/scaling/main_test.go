package scaling

import (
	"testing"

	"go.uber.org/goleak"
)

// gonum's optimize.Minimize starts goroutines; they must all have ended when a fit returns.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
