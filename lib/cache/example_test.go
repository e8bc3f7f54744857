package cache_test

import (
	"fmt"

	"github.com/parlab/parlab/lib/cache"
)

// The working-set sizes a measurement from 4 KiB to 64 KiB visits.
func ExampleSizes() {
	for _, s := range cache.Sizes(4<<10, 64<<10) {
		fmt.Print(cache.Size(s), "; ")
	}
	fmt.Println()
	// Output: 4 KiB; 6 KiB; 8 KiB; 12 KiB; 16 KiB; 24 KiB; 32 KiB; 48 KiB; 64 KiB;
}
