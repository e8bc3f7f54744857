package scaling

import (
	"encoding/binary"
	"math"
	"testing"
)

// decodePoints reads 12 bytes per point: N as int16, Value as float64 bits, and an interval half-width
// as uint16 thousandths of Value (0 = no interval). Any bytes decode, so the fuzzer reaches every check.
func decodePoints(data []byte) []Point {
	var pts []Point
	for len(data) >= 12 {
		n := int(int16(binary.LittleEndian.Uint16(data)))
		v := math.Float64frombits(binary.LittleEndian.Uint64(data[2:]))
		w := float64(binary.LittleEndian.Uint16(data[10:])) / 1000
		p := Point{N: n, Value: v}
		if w > 0 {
			p.Lower, p.Upper = v*(1-w), v*(1+w)
		}
		pts = append(pts, p)
		data = data[12:]
	}
	return pts
}

func encodePoints(pts []Point) []byte {
	var out []byte
	for _, p := range pts {
		var b [12]byte
		binary.LittleEndian.PutUint16(b[:], uint16(int16(p.N)))
		binary.LittleEndian.PutUint64(b[2:], math.Float64bits(p.Value))
		if p.HasInterval() {
			binary.LittleEndian.PutUint16(b[10:], uint16(math.Round(1000*(p.Upper-p.Value)/p.Value)))
		}
		out = append(out, b[:]...)
	}
	return out
}

// thousandPoints is a long input: a noisy USL curve at N = 1…1000.
func thousandPoints() []Point {
	m := USL{Sigma: 0.02, Kappa: 1e-5, Lambda: 10}
	pts := make([]Point, 1000)
	for i := range pts {
		n := i + 1
		pts[i] = Point{N: n, Value: m.X(float64(n)) * (1 + 0.01*math.Sin(float64(n)))}
	}
	return pts
}

func addSeeds(f *testing.F) {
	f.Add(encodePoints(codahaleMeasurements))
	f.Add(encodePoints([]Point{{N: 3, Value: 2.5}}))
	f.Add(encodePoints(thousandPoints()))
	f.Add(encodePoints([]Point{{N: 1, Value: 1}, {N: 2, Value: 1.9, Lower: 1.8, Upper: 2.0}}))
	f.Add(encodePoints([]Point{{N: 1, Value: 1}, {N: 2, Value: 2.5}, {N: 4, Value: 9}}))
	f.Add(encodePoints([]Point{{N: 1, Value: 5}, {N: 1, Value: 6}, {N: 3, Value: math.NaN()}}))
	f.Add(encodePoints([]Point{{N: 1, Value: 1e-300}, {N: 100, Value: 1e300}, {N: 30000, Value: 1}, {N: 30001, Value: 1e-300}}))
}

// The committed seed corpus (testdata/fuzz/FuzzFitUSL and FuzzFitAmdahl) holds named cases — codahale/usl's
// data sets (model_test.go and cmd/usl/example.csv), two cores, one point, a thousand points, bad
// values (NaN, ±Inf, 0, negative), extreme magnitudes, duplicate and unsorted N — and inputs the
// fuzzer found interesting (found-*). Run for a fixed time:
//
//	go test -run '^$' -fuzz '^FuzzFitUSL$' -fuzztime 5s ./lib/scaling
//	go test -run '^$' -fuzz '^FuzzFitAmdahl$' -fuzztime 5s ./lib/scaling
func FuzzFitUSL(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		pts := decodePoints(data)
		fit, err := FitUSL(pts)
		if err != nil {
			return
		}
		if !(fit.Sigma >= 0 && fit.Sigma <= 1 && fit.Kappa >= 0 && fit.Kappa <= 1 && fit.Lambda > 0 && finite(fit.Lambda)) {
			t.Fatalf("FitUSL(%+v) = %v: parameters out of bounds or not finite", pts, fit.USL)
		}
		if !(0 <= fit.SigmaLower && fit.SigmaLower <= fit.Sigma && fit.Sigma <= fit.SigmaUpper && fit.SigmaUpper <= 1) ||
			!(0 <= fit.KappaLower && fit.KappaLower <= fit.Kappa && fit.Kappa <= fit.KappaUpper && fit.KappaUpper <= 1) ||
			!(0 <= fit.LambdaLower && fit.LambdaLower <= fit.Lambda && fit.Lambda <= fit.LambdaUpper) {
			t.Fatalf("FitUSL(%+v) = %v: an interval does not hold its parameter within the bounds", pts, fit)
		}
		if math.IsNaN(fit.SigmaSE) || math.IsNaN(fit.KappaSE) || math.IsNaN(fit.LambdaSE) {
			t.Fatalf("FitUSL(%+v): NaN standard error in %+v", pts, fit)
		}
		if !math.IsNaN(fit.R2) && !(fit.R2 >= 0 && fit.R2 <= 1) {
			t.Fatalf("FitUSL(%+v): R² = %v; want NaN or within [0, 1]", pts, fit.R2)
		}
		if fit.Underdetermined() != (len(pts) < MinUSLPoints) || (fit.Underdetermined() && fit.Warning == "") {
			t.Fatalf("FitUSL with %d points: Underdetermined() = %v, Warning = %q", len(pts), fit.Underdetermined(), fit.Warning)
		}
		if len(fit.Residuals) != len(pts) {
			t.Fatalf("FitUSL with %d points: %d residuals", len(pts), len(fit.Residuals))
		}
		if fit.Evaluations > 2*uslStarts*(1+lmIterations*lmTries) { // two fits when unweighted
			t.Fatalf("FitUSL used %d evaluations, above its budget", fit.Evaluations)
		}
	})
}

func FuzzFitAmdahl(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		pts := decodePoints(data)
		fit, err := FitAmdahl(pts)
		if err != nil {
			return
		}
		if !(fit.Serial >= 0 && fit.Serial <= 1 && fit.Lower <= fit.Serial && fit.Serial <= fit.Upper && fit.Lower >= 0 && fit.Upper <= 1) {
			t.Fatalf("FitAmdahl(%+v): s = %v with interval [%v, %v], want 0 ≤ Lower ≤ s ≤ Upper ≤ 1", pts, fit.Serial, fit.Lower, fit.Upper)
		}
		if math.IsNaN(fit.SE) || math.IsInf(fit.R2, 0) || len(fit.Residuals) != len(pts) {
			t.Fatalf("FitAmdahl(%+v): SE = %v, R² = %v, %d residuals", pts, fit.SE, fit.R2, len(fit.Residuals))
		}
		if fit.Underdetermined() && fit.Warning == "" {
			t.Fatalf("FitAmdahl(%+v): one speedup with N > 1 and no warning", pts)
		}
		if _, err := KarpFlattPoints(pts); err != nil {
			t.Fatalf("KarpFlattPoints refused points FitAmdahl accepted: %v", err)
		}
	})
}
