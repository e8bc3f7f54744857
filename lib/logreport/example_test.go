package logreport_test

import (
	"fmt"
	"strings"

	"github.com/parlab/parlab/lib/logreport"
)

// The program, serially and with one part parallel: the same report.
func Example() {
	log, err := logreport.Generate(1000, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	serial := logreport.Report(log)
	fast, _ := logreport.Parallel(logreport.ParsePart, 4)
	fmt.Println(strings.SplitN(serial, "\n", 2)[0])
	fmt.Println(fast.Run(log) == serial)
	// Output:
	// route                            requests  errors         MB       p50       p95       p99
	// true
}

// Part.Func names the function a CPU profile shows for each part.
func ExamplePart_Func() {
	for _, p := range logreport.Parts() {
		fmt.Println(p, p.Func())
	}
	// Output:
	// read github.com/parlab/parlab/lib/logreport.Read
	// parse github.com/parlab/parlab/lib/logreport.Parse
	// aggregate github.com/parlab/parlab/lib/logreport.Aggregate
	// format github.com/parlab/parlab/lib/logreport.Format
}
