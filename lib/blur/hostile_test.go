package blur

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/internal/hostile"
)

// TestHostileInputs puts what a learner can type into notebook 07's Parameters cell through the blur.
func TestHostileInputs(t *testing.T) {
	task := func(w, h, r int) func(context.Context) error {
		return func(ctx context.Context) error { _, err := Task(w, h, r); return err }
	}
	hostile.Run(t, []hostile.Case{
		{Name: "Task/width=MaxInt", Param: "width", Call: task(math.MaxInt, 100, 1)},
		{Name: "Task/height=-1", Param: "height", Call: task(100, -1, 1)},
		{Name: "Task/radius=MaxInt", Param: "radius", Call: task(100, 100, math.MaxInt)},
		{Name: "Task/radius=0", Param: "radius", Call: task(100, 100, 0)},
		{Name: "Run/workers=MaxInt", Param: "workers", Call: func(ctx context.Context) error {
			tk, err := Task(100, 100, 1)
			if err != nil {
				return err
			}
			_, err = tk.Run(ctx, math.MaxInt)
			return err
		}},
		// Interrupted after Task has made its 4096² pattern (about 0.1 s, seconds under the race detector,
		// not interruptible: see Task), while Run blurs.
		{Name: "Run/largest, interrupted", Param: "ctx", Interrupt: 4 * time.Second, MaxHeap: 1 << 30, Call: func(ctx context.Context) error {
			tk, err := Task(MaxSide, MaxSide, MaxRadius)
			if err != nil {
				return err
			}
			for {
				if _, err := tk.Run(ctx, 2); err != nil {
					return err
				}
			}
		}},
	})
}
