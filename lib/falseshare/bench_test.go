package falseshare

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// BenchmarkFalseSharing: ns/op is the wall time of one increment (all workers together) for each
// layout on 1 worker and on max(2, GOMAXPROCS) workers ("adjacent-2": two goroutines, counters 8 B apart).
func BenchmarkFalseSharing(b *testing.B) {
	for _, w := range []int{1, max(2, runtime.GOMAXPROCS(0))} {
		for _, l := range Layouts() {
			b.Run(fmt.Sprintf("%s-%d", strings.ReplaceAll(l.Name, " ", ""), w), func(b *testing.B) {
				tk := task{l, max(b.N, w)}
				b.ResetTimer()
				if _, err := tk.Run(context.Background(), w); err != nil {
					b.Fatal(err)
				}
			})
		}
	}
}
