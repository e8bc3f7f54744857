package roofline

import (
	"fmt"
	"math"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/check"
)

// checkDegrees are the polynomial degrees Check asks about: from far below any ridge to far above.
var checkDegrees = []int{1, 2, 3, 4, 6, 8, 16, 32, 64, 256}

// Check is the self-check of the exercise "compute a kernel's arithmetic intensity and predict its
// bound". predict is given a degree d of the Poly kernel and a roof, and returns the kernel's
// intensity (flop per byte: count 2d flops and the 16 bytes it reads and writes per element) and
// whether the roof makes it memory- or compute-bound. Check asks it about ten degrees on the roof
// measured in the notebook (when measured) and on three made-up machines whose ridges are 0.5, 4 and
// 40 flop per byte — so that an answer that ignores the roof cannot pass — and wants every intensity
// within 1% of d/8 and every bound equal to the roof's.
func Check(predict func(degree int, roof Roof) (intensity float64, bound Bound), measured Roof) check.Result {
	return checkPredict(predict, measured, 5*time.Second)
}

func checkPredict(predict func(int, Roof) (float64, Bound), measured Roof, limit time.Duration) check.Result {
	if predict == nil {
		return check.NotYet("The function is nil.", "Pass your function: roofline.Check(predict, roof).")
	}
	roof := func(p, b float64) Roof {
		return Roof{Ops: bench.Interval{Value: p}, Bandwidth: bench.Interval{Value: b}, Threads: 1}
	}
	roofs := []Roof{roof(10, 20), roof(40, 10), roof(400, 10)}
	names := []string{"a made-up machine with its ridge at 0.5 flop/byte", "a made-up machine with its ridge at 4", "a made-up machine with its ridge at 40"}
	if measured.Ops.Value > 0 && measured.Bandwidth.Value > 0 {
		roofs = append([]Roof{measured}, roofs...)
		names = append([]string{fmt.Sprintf("your measured roof (ridge %.2f flop/byte)", measured.Ridge())}, names...)
	}
	type answer struct {
		ai float64
		b  Bound
	}
	for i, r := range roofs {
		for _, d := range checkDegrees {
			got, err := check.Call(limit, func() answer { ai, b := predict(d, r); return answer{ai, b} })
			if err != nil {
				return check.Explain(fmt.Sprintf("predict(%d, roof)", d), err)
			}
			want := PolyIntensity(d)
			if math.IsNaN(got.ai) || math.Abs(got.ai-want) > 0.01*want {
				hint := "Intensity is flops per byte: per element, count the flops (a multiply and an add for each degree) and the bytes moved (8 read, 8 written)."
				switch {
				case math.Abs(got.ai-want/2) <= 0.01*want:
					hint = "Your intensity is half of it: Horner's rule does a multiply AND an add per degree — 2d flops per element."
				case math.Abs(got.ai-2*want) <= 0.02*want:
					hint = "Your intensity is twice it: count the bytes written too — 8 read and 8 written per element, 16 in all."
				case math.Abs(got.ai-float64(2*d)/24) <= 0.01*want:
					hint = "You counted 24 bytes per element; the kernel reads x and writes y: 16. (A write also reads its line first, so the bus really carries 24 — but the exercise, like STREAM, counts 16.)"
				case math.Abs(got.ai-1/want) <= 0.01/want:
					hint = "Your intensity is upside down: flops divided by bytes, not bytes by flops."
				}
				return check.NotYet(fmt.Sprintf("For degree %d your intensity is %.4g flop/byte; want %.4g.", d, got.ai, want), hint)
			}
			if wb := r.Bound(want); got.b != wb {
				return check.NotYet(fmt.Sprintf("For degree %d (intensity %.3g flop/byte) on %s you said %v; the roof says %v.", d, want, names[i], got.b, wb),
					"Compare the intensity with the ridge, roof.Ridge() = peak ops ÷ peak bandwidth: below it the kernel is memory-bound, at or above it compute-bound. The ridge is the machine's: do not hard-code it.")
			}
		}
	}
	return check.Pass(fmt.Sprintf("Right for %d degrees on %d roofs: intensity d/8 flop per byte, and the bound from the ridge.", len(checkDegrees), len(roofs)))
}
