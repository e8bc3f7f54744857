package cache

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkChase times one dependent access inside each reported cache level and far beyond the last
// (DRAM): ns/op is nanoseconds per access.
func BenchmarkChase(b *testing.B) {
	sizes := []struct {
		name  string
		bytes int64
	}{{"16KiB", 16 << 10}, {"512KiB", 512 << 10}, {"8MiB", 8 << 20}, {"256MiB", 256 << 20}}
	for _, s := range sizes {
		b.Run(s.name, func(b *testing.B) {
			buf := make([]uint64, s.bytes/8)
			first := link(buf, int(s.bytes/lineBytes), newRand())
			chase(context.Background(), buf, first, int(s.bytes/lineBytes)) // warm-up: one lap
			b.ResetTimer()
			p, _ := chase(context.Background(), buf, first, b.N)
			if p >= uint64(len(buf)) {
				b.Fatal(fmt.Sprint("chain left the buffer at ", p))
			}
		})
	}
}
