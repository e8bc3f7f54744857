package pipeline

import (
	"context"
	"testing"
)

// BenchmarkHandOff: one item's trip through a stage that does no work — a receive, a send and three
// recorded spans — measured over 10 000 items through three stages.
func BenchmarkHandOff(b *testing.B) {
	const items = 10_000
	cfg, err := Config{Items: items, Stages: []Stage{{}, {}, {}}}.withDefaults()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := run(context.Background(), cfg); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*items*3), "ns/hand-off")
}
