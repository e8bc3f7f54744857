package bank_test

import (
	"context"
	"fmt"

	"github.com/parlab/parlab/lib/bank"
)

func ExampleRun() {
	l, err := bank.NewPerAccount(10, 100)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := bank.Run(context.Background(), l, bank.Config{Goroutines: 4, Transfers: 10_000, Seed: 1})
	fmt.Println(res.Before, res.After, res.Holds(), err)
	// Output: 1000 1000 true <nil>
}
