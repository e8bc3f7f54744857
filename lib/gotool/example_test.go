package gotool_test

import (
	"fmt"

	"github.com/parlab/parlab/lib/gotool"
)

// Samples reads go test -bench output, as benchstat does, into each benchmark's time per operation.
func ExampleSamples() {
	out := `BenchmarkGranularity/size=64/how=serial-2   20   329746 ns/op
BenchmarkGranularity/size=64/how=serial-2   20   319746 ns/op
PASS
`
	names, perOp, err := gotool.Samples(out)
	fmt.Println(names, perOp[names[0]], err)
	// Output:
	// [Granularity/size=64/how=serial-2] [329.746µs 319.746µs] <nil>
}

// BenchCommand is the command Bench runs, for a learner to copy into a terminal.
func ExampleBenchCommand() {
	fmt.Println(gotool.BenchCommand("./lib/granularity", "Granularity", 6, "40x"))
	// Output:
	// go test -run '^$' -bench 'Granularity' -count 6 -benchtime 40x ./lib/granularity
}
