package procs_test

import (
	"fmt"
	"runtime"

	"github.com/parlab/parlab/lib/procs"
)

func ExampleSet() {
	restore, err := procs.Set("procs", 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("inside:", runtime.GOMAXPROCS(0))
	restore()
	// Output: inside: 1
}

func ExampleValidate() {
	fmt.Println(procs.Validate("procs", 0))
	// Output: procs = 0 is not allowed: want at least 1 (one goroutine running at a time)
}
