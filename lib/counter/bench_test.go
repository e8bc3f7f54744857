package counter

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkCounters compares the kinds behind the one interface: ns/op is the cost of one Add when
// g goroutines share the counter ("mutex-4": four goroutines on one sync.Mutex counter).
func BenchmarkCounters(b *testing.B) {
	for _, k := range Kinds() {
		for _, g := range []int{1, 2, 4, 8} {
			b.Run(fmt.Sprintf("%s-%d", k.Name, g), func(b *testing.B) {
				c := k.New(g)
				defer Close(c)
				b.ResetTimer()
				if err := run(context.Background(), c, g, int64(b.N)); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				if got := c.Value(); got != int64(b.N) {
					b.Fatalf("%s counted %d of %d", k.Name, got, b.N)
				}
			})
		}
	}
}
