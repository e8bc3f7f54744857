package pool

import (
	"context"
	"testing"
)

// BenchmarkOverhead: what running an empty item costs on a pool (a channel hand-off to a worker) and
// on a goroutine of its own (a goroutine start), per item.
func BenchmarkOverhead(b *testing.B) {
	empty := func(context.Context, int) uint64 { return 1 }
	const items = 1024
	b.Run("pool-4", func(b *testing.B) {
		for b.Loop() {
			Workers(context.Background(), items, 4, empty)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*items), "ns/item")
	})
	b.Run("per-item", func(b *testing.B) {
		for b.Loop() {
			Each(context.Background(), items, empty)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*items), "ns/item")
	})
}
