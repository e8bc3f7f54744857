package overhead

import "testing"

// BenchmarkPrice measures each item of the price list as a Go benchmark: b.N operations in one batch,
// as Measure times them (a partner goroutine, where the item needs one, starts once per batch). make
// numbers runs the coordination items (data/numbers/list.tsv).
func BenchmarkPrice(b *testing.B) {
	keys := map[string]string{Spawn: "spawn", RoundTrip: "roundtrip", Buffered: "buffered", Mutex: "mutex",
		MutexContended: "mutex-contended", Atomic: "atomic", WaitGroup: "waitgroup", Square: "square", Hash: "sha256", CacheMiss: "miss"}
	for _, it := range newItems() {
		b.Run(keys[it.name], func(b *testing.B) {
			it.run(b.N)
		})
	}
}
