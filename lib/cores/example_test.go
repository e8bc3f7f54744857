package cores_test

import (
	"fmt"

	"github.com/parlab/parlab/lib/cores"
)

// What a machine with hyperthreads reports, in a sentence.
func ExampleTopology_Describe() {
	t := cores.Topology{Logical: 8, Cores: 4, ThreadsPerCore: 2, Sockets: 1, Usable: 8, GOMAXPROCS: 8}
	fmt.Println(t.Describe())
	// Output: This machine reports **8 logical CPUs** on **4 physical cores** (2 threads per core: hyperthreads). Two threads of one core share its execution units, so a computing loop's speedup usually bends at 4, not 8. GOMAXPROCS is 8.
}
