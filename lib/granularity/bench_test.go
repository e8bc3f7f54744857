package granularity

import (
	"context"
	"fmt"
	"runtime"
	"testing"
)

// BenchmarkGranularity is notebook 06's comparison as a Go benchmark: 2²⁰ squares cut into tasks of
// 64 and of 16 384 squares, each way. Run it with
//
//	go test -run '^$' -bench Granularity -count 6 ./lib/granularity | tee new.txt
//	go tool benchstat -col /how new.txt
//
// benchstat then shows each way's median with its 95% interval, one column per way, and how each
// compares with the first column (the serial loop).
func BenchmarkGranularity(b *testing.B) {
	const total = 1 << 20
	workers := runtime.GOMAXPROCS(0)
	for _, size := range []int{64, 16384} {
		for _, h := range Hows() {
			b.Run(fmt.Sprintf("size=%d/how=%s", size, h.Key()), func(b *testing.B) {
				for b.Loop() {
					if _, err := Run(context.Background(), h, total, size, workers); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
