package nb_test

import (
	"fmt"
	"os"

	"github.com/parlab/parlab/lib/nb"
)

// Keep in one cell, Recall in a later one (GoNB runs each cell as a new program).
func ExampleKeep() {
	dir, _ := os.MkdirTemp("", "keep-example-")
	defer os.RemoveAll(dir)
	os.Setenv("PARLAB_CACHE", dir)
	defer os.Unsetenv("PARLAB_CACHE")

	_ = nb.Keep("06-shares", map[string]float64{"parse": 0.85})
	var shares map[string]float64
	err := nb.Recall("06-shares", &shares)
	fmt.Println(shares["parse"], err)
	// Output:
	// 0.85 <nil>
}
