package workload_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"strings"
	"time"

	"github.com/parlab/parlab/lib/workload"
)

// A parallel run gives the same checksum as the serial one. The exact sum 1² + … + 10⁷² is about
// 3.3·10²⁰ and does not fit in 64 bits; the checksum is that sum modulo 2⁶⁴.
func ExampleSumSquares() {
	task, err := workload.SumSquares(10_000_000)
	if err != nil {
		fmt.Println(err)
		return
	}
	serial, _ := task.Serial(context.Background())
	parallel, _ := task.Run(context.Background(), 4)
	fmt.Println(task.Name())
	fmt.Println(serial, parallel == serial)
	// Output:
	// sum of squares, n=10000000
	// 1291990006563070912 true
}

func ExamplePrimes() {
	task, _ := workload.Primes(1_000_000)
	count, _ := task.Run(context.Background(), 2)
	fmt.Println(count)
	// Output: 78498
}

// Bad sizes are errors that say what is allowed.
func ExampleSumSquares_badSize() {
	_, err := workload.SumSquares(0)
	fmt.Println(err)
	// Output: workload: sum of squares: n = 0 is not allowed: want at least 1 (the number of squares to add)
}

func ExampleMandelbrot() {
	task, _ := workload.Mandelbrot(64, 48, 100)
	serial, _ := task.Serial(context.Background())
	parallel, _ := task.Run(context.Background(), 3)
	fmt.Println(task.Name(), parallel == serial)
	// Output: Mandelbrot, 64x48 pixels, iter=100 true
}

func ExampleMatMul() {
	task, _ := workload.MatMul(128)
	serial, _ := task.Serial(context.Background())
	parallel, _ := task.Run(context.Background(), 2)
	fmt.Println(task.Name(), parallel == serial)
	// Output: matrix multiply (gonum), n=128 true
}

// Ten waits of 20 ms take about 200 ms on one worker and about 40 ms on five, even on one core.
// The checksum is 1² + … + 10², whoever waited.
func ExampleSleep() {
	task, _ := workload.Sleep(10, 20*time.Millisecond)
	sum, _ := task.Run(context.Background(), 5)
	fmt.Println(sum)
	// Output: 385
}

// A loopback server with 10 ms latency serving 2 requests at a time; 8 requests by 4 workers.
func ExampleHTTP() {
	srv, err := workload.NewServer(10*time.Millisecond, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	task, _ := workload.HTTP(srv, 8)
	sum, err := task.Run(context.Background(), 4)
	fmt.Println(sum, err)
	// Output: 204 <nil>
}

func ExampleMixed() {
	task, _ := workload.Mixed(8, 1000, time.Millisecond)
	sum, _ := task.Run(context.Background(), 4)
	want, _ := workload.SumSquares(8 * 1000)
	check, _ := want.Serial(context.Background())
	fmt.Println(sum == check)
	// Output: true
}

func ExampleSerialFraction() {
	task, _ := workload.SerialFraction(1_000_000, 0.25)
	sum, _ := task.Run(context.Background(), 2)
	fmt.Println(task.Name(), sum)
	// Output: sum of squares with serial fraction s=0.25, n=1000000 333333833333500000
}

func ExampleStream() {
	task, _ := workload.Stream(1<<20, 2)
	serial, _ := task.Serial(context.Background())
	parallel, _ := task.Run(context.Background(), 2)
	fmt.Println(parallel == serial)
	// Output: true
}

// PARLAB_QUICK=1 (or CI=true) makes the default sizes ten times smaller.
func ExampleDefaultSizes() {
	os.Setenv("PARLAB_QUICK", "1")
	defer os.Unsetenv("PARLAB_QUICK")
	fmt.Println(workload.Quick(), workload.DefaultSizes().SumSquaresN)
	// Output: true 10000000
}

// A size far beyond what fits this machine's time is a sentence, not a run that never ends.
func ExampleSumSquares_tooLarge() {
	_, err := workload.SumSquares(math.MaxInt)
	fmt.Println(strings.Contains(err.Error(), "want n ≤ 1099511627776"))
	// Output: true
}
