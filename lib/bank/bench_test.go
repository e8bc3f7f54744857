package bank

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkLedgers: ns/op is the wall time of one transfer, made by g goroutines between 100 accounts
// ("locked-4": four goroutines, one mutex for the whole ledger; "peraccount-4": a mutex per account).
func BenchmarkLedgers(b *testing.B) {
	kinds := []struct {
		name string
		new  func() (Ledger, error)
	}{
		{"locked", func() (Ledger, error) { return NewLocked(100, 1_000_000) }},
		{"peraccount", func() (Ledger, error) { return NewPerAccount(100, 1_000_000) }},
		{"owned", func() (Ledger, error) { return NewOwned(100, 1_000_000) }},
	}
	for _, k := range kinds {
		for _, g := range []int{1, 2, 4} {
			b.Run(fmt.Sprintf("%s-%d", k.name, g), func(b *testing.B) {
				l, err := k.new()
				if err != nil {
					b.Fatal(err)
				}
				b.ResetTimer()
				res, err := Run(context.Background(), l, Config{Goroutines: g, Transfers: max(1, b.N/g)})
				if o, ok := l.(*Owned); ok {
					o.Close()
				}
				if err != nil || !res.Holds() {
					b.Fatalf("%v, %v", res, err)
				}
			})
		}
	}
}
