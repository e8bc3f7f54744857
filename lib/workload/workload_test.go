package workload

import (
	"context"
	"errors"
	"math"
	"math/big"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	// The race detector sleeps a second as a process exits; the hostile table starts a process per
	// case, so without this it would spend minutes sleeping.
	if os.Getenv("GORACE") == "" {
		os.Setenv("GORACE", "atexit_sleep_ms=0")
	}
	goleak.VerifyTestMain(m)
}

// sumSquaresMod returns n(n+1)(2n+1)/6 mod 2⁶⁴, the closed form of 1² + … + n², in exact
// arithmetic.
func sumSquaresMod(n int64) uint64 {
	x := big.NewInt(n)
	x.Mul(x, big.NewInt(n+1))
	x.Mul(x, big.NewInt(2*n+1))
	x.Quo(x, big.NewInt(6))
	return x.Uint64() // low 64 bits (x > 0)
}

func mustTask(t *testing.T, task Task, err error) Task {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	return task
}

func TestChecksums(t *testing.T) {
	srv, err := NewServer(time.Millisecond, 4)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	must := func(task Task, err error) Task { return mustTask(t, task, err) }
	naiveMatMul := func(n int) uint64 {
		var sum uint64
		for i := range n {
			for j := range n {
				c := 0.0
				for k := range n {
					c += float64((i+2*k)%7-3) / 4 * float64((3*k+j)%5-2) / 2
				}
				sum += math.Float64bits(c)
			}
		}
		return sum
	}
	naiveStream := func(n int) uint64 {
		var s uint64
		for i := range n {
			s += uint64(i%1000) * uint64(i%7)
		}
		return s
	}
	tests := []struct {
		task Task
		want uint64
		from string // where want comes from
	}{
		{must(SumSquares(1)), 1, "1² = 1"},
		{must(SumSquares(10)), 385, "closed form n(n+1)(2n+1)/6"},
		{must(SumSquares(3_000_000)), sumSquaresMod(3_000_000), "closed form, exact (fits in 64 bits)"},
		{must(SumSquares(10_000_000)), sumSquaresMod(10_000_000), "closed form mod 2⁶⁴ (the exact sum overflows)"},
		{must(Primes(1)), 0, "π(1) = 0"},
		{must(Primes(2)), 1, "π(2) = 1"},
		{must(Primes(100)), 25, "π(100), OEIS A006880"},
		{must(Primes(100_000)), 9592, "π(10⁵), OEIS A006880"},
		{must(Primes(1_000_000)), 78498, "π(10⁶), OEIS A006880"},
		{must(Mandelbrot(1, 1, 10)), 1, "c = −2.5−i escapes after 1 iteration"},
		{must(MatMul(1)), math.Float64bits(-0.75 * -1), "a₀₀·b₀₀ = (−3/4)(−1)"},
		{must(MatMul(70)), naiveMatMul(70), "naive triple loop (70 is not a multiple of the 64 tile)"},
		{must(Stream(100_003, 3)), 3 * naiveStream(100_003), "naive loop, 3 passes"},
		{must(Sleep(12, time.Millisecond)), sumSquaresMod(12), "Σ (i+1)² over 12 tasks"},
		{must(Sleep(3, 0)), 14, "1+4+9"},
		{must(HTTP(srv, 30)), sumSquaresMod(30), "Σ i² served over HTTP"},
		{must(Mixed(10, 1000, time.Millisecond)), sumSquaresMod(10_000), "sum of squares of 1..10·1000"},
		{must(SerialFraction(1_000_000, 0)), sumSquaresMod(1_000_000), "same as SumSquares"},
		{must(SerialFraction(1_000_000, 0.3)), sumSquaresMod(1_000_000), "same as SumSquares"},
		{must(SerialFraction(1_000_000, 1)), sumSquaresMod(1_000_000), "same as SumSquares"},
	}
	ctx := context.Background()
	for _, tt := range tests {
		t.Run(tt.task.Name(), func(t *testing.T) {
			got, err := tt.task.Serial(ctx)
			if err != nil || got != tt.want {
				t.Fatalf("Serial() = %d, %v; want %d (%s)", got, err, tt.want, tt.from)
			}
			for _, w := range []int{1, 2, 3, 8, 33} {
				got, err := tt.task.Run(ctx, w)
				if err != nil || got != tt.want {
					t.Errorf("Run(%d workers) = %d, %v; want %d (%s)", w, got, err, tt.want, tt.from)
				}
			}
		})
	}
}

func TestSpan(t *testing.T) {
	for _, tt := range []struct{ n, chunks int }{{10, 3}, {3, 10}, {1, 1}, {100, 7}, {1 << 20, 96}} {
		next := 0
		for i := range tt.chunks {
			lo, hi := span(tt.n, tt.chunks, i)
			if lo != next || hi < lo || hi-lo > tt.n/tt.chunks+1 {
				t.Fatalf("span(%d, %d, %d) = [%d, %d); want it to start at %d and hold ⌊n/chunks⌋ or one more", tt.n, tt.chunks, i, lo, hi, next)
			}
			next = hi
		}
		if next != tt.n {
			t.Errorf("span(%d, %d, ·) covers [0, %d); want [0, %d)", tt.n, tt.chunks, next, tt.n)
		}
	}
}

func TestBadInput(t *testing.T) {
	srv, err := NewServer(0, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	huge := 1 << 40
	tests := []struct {
		name string
		make func() (Task, error)
		want []string // words the error must contain: the parameter, the value, what is allowed
	}{
		{"SumSquares n=0", func() (Task, error) { return SumSquares(0) }, []string{"n = 0", "at least 1"}},
		{"SumSquares n<0", func() (Task, error) { return SumSquares(-5) }, []string{"n = -5", "at least 1"}},
		{"Primes n=0", func() (Task, error) { return Primes(0) }, []string{"n = 0", "at least 1"}},
		{"Mandelbrot width", func() (Task, error) { return Mandelbrot(0, 10, 10) }, []string{"width = 0", "from 1 to 65536"}},
		{"Mandelbrot height", func() (Task, error) { return Mandelbrot(10, -1, 10) }, []string{"height = -1", "from 1 to 65536"}},
		{"Mandelbrot iter", func() (Task, error) { return Mandelbrot(10, 10, 0) }, []string{"iter = 0", "from 1 to 16777216"}},
		{"Mandelbrot iter too many", func() (Task, error) { return Mandelbrot(10, 10, 1<<30) }, []string{"iter = 1073741824", "from 1 to 16777216"}},
		{"Mandelbrot width too many", func() (Task, error) { return Mandelbrot(1<<20, 10, 10) }, []string{"width = 1048576", "from 1 to 65536"}},
		{"Mandelbrot work too much", func() (Task, error) { return Mandelbrot(1<<16, 1<<16, 1<<24) },
			[]string{"width × height × iter = 65536 × 65536 × 16777216", "on one core of this machine", "want width × height × iter ≤ 1099511627776"}},
		{"SumSquares n=MaxInt", func() (Task, error) { return SumSquares(math.MaxInt) },
			[]string{"n = 9223372036854775807", "squares would take about", "years", "want n ≤ 1099511627776 (about"}},
		{"Primes n=MaxInt", func() (Task, error) { return Primes(math.MaxInt) }, []string{"n = 9223372036854775807", "trial divisions", "want n ≤ 1073741824"}},
		{"SerialFraction n=MaxInt", func() (Task, error) { return SerialFraction(math.MaxInt, 1) }, []string{"n = 9223372036854775807", "want n ≤"}},
		{"MatMul n too large", func() (Task, error) { return MatMul(5000) }, []string{"n = 5000", "multiply-adds", "want n ≤ 2048"}},
		{"Mixed too much", func() (Task, error) { return Mixed(1<<20, 1<<30, 0) }, []string{"tasks × work = 1048576 × 1073741824", "want tasks × work ≤"}},
		{"Sleep tasks too many", func() (Task, error) { return Sleep(math.MaxInt, 0) }, []string{"tasks = 9223372036854775807", "from 1 to 1048576"}},
		{"HTTP requests too many", func() (Task, error) { return HTTP(srv, 1<<21) }, []string{"requests = 2097152", "from 1 to 1048576"}},
		{"Stream n too many", func() (Task, error) { return Stream(math.MaxInt, 1) }, []string{"n = 9223372036854775807", "from 1 to 268435456"}},
		{"MatMul n=0", func() (Task, error) { return MatMul(0) }, []string{"n = 0", "at least 1"}},
		{"MatMul too large", func() (Task, error) { return MatMul(huge) }, []string{"n = 1099511627776", "want n ≤ 2048"}},
		{"Stream n=0", func() (Task, error) { return Stream(0, 1) }, []string{"n = 0", "from 1 to"}},
		{"Stream passes=0", func() (Task, error) { return Stream(10, 0) }, []string{"passes = 0", "from 1 to 1000"}},
		{"Stream too large", func() (Task, error) { return Stream(huge, 1) }, []string{"n = 1099511627776", "from 1 to"}},
		{"Sleep tasks", func() (Task, error) { return Sleep(0, time.Millisecond) }, []string{"tasks = 0", "from 1 to 1048576"}},
		{"Sleep negative wait", func() (Task, error) { return Sleep(1, -time.Millisecond) }, []string{"wait = -1ms", "from 0 to 1m0s"}},
		{"Sleep wait too long", func() (Task, error) { return Sleep(1, time.Hour) }, []string{"wait = 1h0m0s", "from 0 to 1m0s"}},
		{"Mixed work", func() (Task, error) { return Mixed(1, 0, 0) }, []string{"work = 0", "at least 1"}},
		{"Mixed tasks", func() (Task, error) { return Mixed(-1, 1, 0) }, []string{"tasks = -1", "from 1 to 1048576"}},
		{"SerialFraction s>1", func() (Task, error) { return SerialFraction(10, 1.5) }, []string{"s = 1.5", "from 0 to 1"}},
		{"SerialFraction s<0", func() (Task, error) { return SerialFraction(10, -0.1) }, []string{"s = -0.1", "from 0 to 1"}},
		{"SerialFraction NaN", func() (Task, error) { return SerialFraction(10, math.NaN()) }, []string{"s = NaN", "from 0 to 1"}},
		{"SerialFraction n", func() (Task, error) { return SerialFraction(0, 0.5) }, []string{"n = 0", "at least 1"}},
		{"HTTP nil server", func() (Task, error) { return HTTP(nil, 1) }, []string{"server is nil", "NewServer"}},
		{"HTTP requests", func() (Task, error) { return HTTP(srv, 0) }, []string{"requests = 0", "from 1 to 1048576"}},
		{"server latency", func() (Task, error) { _, err := NewServer(-time.Second, 1); return nil, err }, []string{"latency = -1s", "from 0"}},
		{"server capacity", func() (Task, error) { _, err := NewServer(0, 0); return nil, err }, []string{"capacity = 0", "from 1 to 1000000"}},
		{"server capacity too large", func() (Task, error) { _, err := NewServer(0, 1<<40); return nil, err }, []string{"capacity = 1099511627776", "from 1 to 1000000"}},
	}
	if _, ok := availableMemory(); !ok {
		t.Log("available memory unknown here: the too-large cases are skipped")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if strings.Contains(tt.name, "too large") {
				if _, ok := availableMemory(); !ok {
					t.Skip("available memory unknown")
				}
			}
			task, err := tt.make()
			if err == nil {
				t.Fatalf("got task %v and no error; want an error containing %q", task, tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q; want it to contain %q", err, w)
				}
			}
		})
	}
}

func TestBadWorkers(t *testing.T) {
	task, err := SumSquares(10)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{0, -1, MaxWorkers + 1, math.MaxInt} {
		got, err := task.Run(context.Background(), w)
		if err == nil || !strings.Contains(err.Error(), "workers = ") || !strings.Contains(err.Error(), "from 1 to 10000") {
			t.Errorf("Run(%d workers) = %d, %v; want an error naming workers and what is allowed", w, got, err)
		}
	}
}

// TestCancel checks that every kind of task stops soon after its context is cancelled, with the
// context's error. 1 s is the promise to a learner pressing Interrupt; the tasks below would run
// for far longer.
func TestCancel(t *testing.T) {
	srv, err := NewServer(time.Second, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	must := func(task Task, err error) Task { return mustTask(t, task, err) }
	for _, task := range []Task{
		must(SumSquares(maxSquares)),
		must(Primes(maxPrimesN)),
		must(Mandelbrot(maxSide, maxSide, maxMandelWork/maxSide/maxSide)),
		must(Mandelbrot(1<<12, 3, maxIter)), // rows through the set: minutes of work, 2²⁴ iterations a pixel
		must(Mixed(1, maxSquares, 0)),       // one task: minutes of work
		must(Sleep(100, time.Minute)),
		must(Mixed(100, 1000, time.Minute)),
		must(SerialFraction(maxSquares, 0.5)),
		must(MatMul(maxMatMulN)),
		must(HTTP(srv, 100)),
	} {
		for _, workers := range []int{0, 1, 2} { // 0: Serial
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
			start := time.Now()
			var err error
			if workers == 0 {
				_, err = task.Serial(ctx)
			} else {
				_, err = task.Run(ctx, workers)
			}
			took := time.Since(start)
			cancel()
			if !errors.Is(err, context.DeadlineExceeded) || took > time.Second {
				t.Errorf("%s with %d workers (0: Serial): returned %v after %v; want the context's error within 1s", task.Name(), workers, err, took)
			}
		}
	}
}

func TestServerRejectsOtherPaths(t *testing.T) {
	srv, err := NewServer(0, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	_, err = get(context.Background(), &http.Client{Transport: tr}, srv.URL()+"/nothing")
	if err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("GET /nothing: error %v; want one saying 404", err)
	}
	if err := srv.Close(); err != nil {
		t.Errorf("first Close: %v", err)
	}
	if err := srv.Close(); err != nil {
		t.Errorf("second Close: %v; want nil (Close is idempotent)", err)
	}
}

func TestQuick(t *testing.T) {
	for _, tt := range []struct {
		quick, ci string // "-" means unset
		want      bool
	}{
		{"-", "-", false}, {"1", "-", true}, {"true", "-", true}, {"0", "-", false},
		{"-", "true", true}, {"0", "true", false}, {"", "-", false},
	} {
		setenv(t, quickEnv, tt.quick)
		setenv(t, "CI", tt.ci)
		if got := Quick(); got != tt.want {
			t.Errorf("Quick() with %s=%q CI=%q = %v; want %v", quickEnv, tt.quick, tt.ci, got, tt.want)
		}
	}
}

func setenv(t *testing.T, k, v string) {
	if v == "-" {
		t.Setenv(k, "") // registers the restore
		os.Unsetenv(k)
		return
	}
	t.Setenv(k, v)
}

func TestSumSquaresRange(t *testing.T) {
	for _, tt := range []struct{ lo, hi, want uint64 }{
		{1, 1, 1}, {1, 3, 14}, {2, 3, 13}, {3, 2, 0}, {0, 0, 0},
		{math.MaxUint64, math.MaxUint64, 1},     // (2⁶⁴−1)² ≡ 1 (mod 2⁶⁴)
		{math.MaxUint64 - 1, math.MaxUint64, 5}, // (−2)² + (−1)²
	} {
		if got := SumSquaresRange(tt.lo, tt.hi); got != tt.want {
			t.Errorf("SumSquaresRange(%d, %d) = %d; want %d", tt.lo, tt.hi, got, tt.want)
		}
	}
}

// TestServerCloseWaitsForHandlers closes the server while requests are waiting out a long latency:
// Close must return promptly and leave no handler behind.
func TestServerCloseWaitsForHandlers(t *testing.T) {
	srv, err := NewServer(time.Minute, 2)
	if err != nil {
		t.Fatal(err)
	}
	task, err := HTTP(srv, 4)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() {
		_, err := task.Run(context.Background(), 4)
		done <- err
	}()
	time.Sleep(50 * time.Millisecond) // the requests are in flight
	start := time.Now()
	if err := srv.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("Close took %v with requests in flight; want well under 1s", took)
	}
	if err := <-done; err == nil {
		t.Error("requests to a closed server succeeded; want an error")
	}
}

// TestValidateMemory checks the memory bound with a need no machine meets, so nothing is allocated.
func TestValidateMemory(t *testing.T) {
	if _, ok := availableMemory(); !ok {
		t.Skip("available memory unknown here")
	}
	err := validateMemory("t", "n", 1<<20, func(v int) uint64 { return mulSat(uint64(v), 1<<50) })
	for _, w := range []string{"n = 1048576", "of memory", "on this machine use n ≤"} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("validateMemory(2²⁰ × 2⁵⁰ bytes) = %v; want an error containing %q", err, w)
		}
	}
	if err := validateMemory("t", "n", 1, func(int) uint64 { return 1 }); err != nil {
		t.Errorf("validateMemory(1 byte) = %v; want nil", err)
	}
}

func TestHumanDuration(t *testing.T) {
	for _, tt := range []struct {
		ns   float64
		want string
	}{
		{1e8, "under a second"}, {5e9, "5 s"}, {300e9, "5 min"}, {3 * 3600e9, "3 hours"},
		{10 * 86400e9, "10 days"}, {82 * 365.25 * 86400e9, "82 years"}, {math.MaxInt64 * 1e3, "292271 years"}, {1e30, "3.2e+13 years"},
	} {
		if got := humanDuration(tt.ns); got != tt.want {
			t.Errorf("humanDuration(%g ns) = %q; want %q", tt.ns, got, tt.want)
		}
	}
}

// TestMandelbrotIterations checks that the per-point count package render colours by is the one
// Mandelbrot's checksum sums: Σ iterations(p)·(p+1) over the pixels, with the task's own mapping of
// pixels to points, equals the task's checksum.
func TestMandelbrotIterations(t *testing.T) {
	for _, c := range []struct{ w, h, iter int }{{1, 1, 10}, {33, 17, 64}, {96, 54, 300}} {
		task, err := Mandelbrot(c.w, c.h, c.iter)
		if err != nil {
			t.Fatal(err)
		}
		want, err := task.Serial(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var got uint64
		for y := range c.h {
			ci := -1 + 2*float64(y)/float64(max(c.h-1, 1))
			for x := range c.w {
				cr := -2.5 + 3.5*float64(x)/float64(max(c.w-1, 1))
				got += uint64(MandelbrotIterations(cr, ci, c.iter)) * uint64(y*c.w+x+1)
			}
		}
		if got != want {
			t.Errorf("%dx%d, iter=%d: Σ MandelbrotIterations·(p+1) = %d; want the task's checksum %d", c.w, c.h, c.iter, got, want)
		}
	}
	if got := MandelbrotIterations(0, 0, 1000); got != 1000 {
		t.Errorf("MandelbrotIterations(0, 0, 1000) = %d; want 1000 (c = 0 is in the set)", got)
	}
	if got := MandelbrotIterations(2, 2, 1000); got != 1 {
		t.Errorf("MandelbrotIterations(2, 2, 1000) = %d; want 1 (|c| > 2 escapes after one step)", got)
	}
}
