//go:build !race

package racy_test

import (
	"context"
	"fmt"

	"github.com/parlab/parlab/lib/bank"
	"github.com/parlab/parlab/lib/procs"
	"github.com/parlab/parlab/lib/racy"
)

func ExampleLostUpdates() {
	// One core, and a switch forced between each read and write: updates are lost in every run.
	res, err := racy.LostUpdates(context.Background(), racy.Config{Runs: 10, Procs: 1, Yield: true})
	fmt.Println(len(res.Lost), res.RunsWithLoss() == 10, err)
	// Output: 10 true <nil>
}

func ExampleBank() {
	// One core, and a switch forced in the middle of each transfer, so the interleaving does not depend on
	// how busy the machine is: transfers overwrite each other's updates and the total drifts.
	restore, _ := procs.Set("procs", 1)
	defer restore()
	b, _ := racy.NewBank(2, 1000)
	b.Yield = true
	res, err := bank.Run(context.Background(), b, bank.Config{Goroutines: 2, Transfers: 1000})
	fmt.Println(res.Holds(), err)
	// Output: false <nil>
}
