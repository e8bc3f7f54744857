package scaling

import (
	"math"
	"testing"
)

func TestLawsTable(t *testing.T) {
	// Values worked by hand from the formulas in doc.go.
	const tol = 1e-12
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"Amdahl(0.1, 1)", Amdahl(0.1, 1), 1},
		{"Amdahl(0.1, 10)", Amdahl(0.1, 10), 1 / (0.1 + 0.9/10)}, // 5.263…
		{"Amdahl(0, 8)", Amdahl(0, 8), 8},
		{"Amdahl(1, 8)", Amdahl(1, 8), 1},
		{"Gustafson(0.1, 10)", Gustafson(0.1, 10), 9.1},
		{"Gustafson(1, 10)", Gustafson(1, 10), 1},
		{"GustafsonToAmdahl(0.1, 10)", GustafsonToAmdahl(0.1, 10), 0.1 / 9.1}, // 0.01099: the grown problem on one worker
		{"GustafsonToAmdahl(0.1, 1)", GustafsonToAmdahl(0.1, 1), 0.1},
		{"GustafsonToAmdahl(0, 10)", GustafsonToAmdahl(0, 10), 0},
		{"GustafsonToAmdahl(1, 10)", GustafsonToAmdahl(1, 10), 1},
		// The two laws agree once each s is the share of its own run (issue 12, item 4).
		{"Amdahl(GustafsonToAmdahl(0.3, 64), 64)", Amdahl(GustafsonToAmdahl(0.3, 64), 64), Gustafson(0.3, 64)},
		{"KarpFlatt(Amdahl(0.2, 4), 4)", KarpFlatt(Amdahl(0.2, 4), 4), 0.2},
		{"KarpFlatt(2, 2)", KarpFlatt(2, 2), 0},
		{"Efficiency(3, 4)", Efficiency(3, 4), 0.75},
		{"USL{0,0,100}.X(8)", USL{Lambda: 100}.X(8), 800},
		{"USL{0.1,0,1}.X(10)", USL{Sigma: 0.1, Lambda: 1}.X(10), Amdahl(0.1, 10)},
		{"USL{0.02,0.001,1}.Peak()", USL{Sigma: 0.02, Kappa: 0.001, Lambda: 1}.Peak(), math.Floor(math.Sqrt(0.98 / 0.001))}, // 31
	} {
		if math.Abs(c.got-c.want) > tol*math.Max(1, math.Abs(c.want)) {
			t.Errorf("%s = %.15g, want %.15g", c.name, c.got, c.want)
		}
	}
}

func TestLawsBadInputIsNaN(t *testing.T) {
	for _, c := range []struct {
		name string
		got  float64
	}{
		{"Amdahl(-0.1, 2)", Amdahl(-0.1, 2)}, {"Amdahl(1.1, 2)", Amdahl(1.1, 2)}, {"Amdahl(NaN, 2)", Amdahl(math.NaN(), 2)},
		{"Amdahl(0.1, 0)", Amdahl(0.1, 0)}, {"Gustafson(0.1, 0.5)", Gustafson(0.1, 0.5)},
		{"KarpFlatt(1, 1)", KarpFlatt(1, 1)}, {"KarpFlatt(0, 4)", KarpFlatt(0, 4)}, {"KarpFlatt(-1, 4)", KarpFlatt(-1, 4)},
		{"USL.X(0)", USL{Lambda: 1}.X(0)}, {"Efficiency(1, 0)", Efficiency(1, 0)},
		{"GustafsonToAmdahl(1.5, 2)", GustafsonToAmdahl(1.5, 2)}, {"GustafsonToAmdahl(0.1, 0)", GustafsonToAmdahl(0.1, 0)},
	} {
		if !math.IsNaN(c.got) {
			t.Errorf("%s = %v, want NaN", c.name, c.got)
		}
	}
}

// Properties from the issue: S(1) = 1, Amdahl S ≤ 1/s, Gustafson ≥ Amdahl for the same s, and USL with
// κ = 0 is Amdahl with s = σ.
func TestLawsProperties(t *testing.T) {
	for i := 0; i <= 100; i++ {
		s := float64(i) / 100
		if got := Amdahl(s, 1); math.Abs(got-1) > 1e-15 {
			t.Errorf("Amdahl(%g, 1) = %v, want 1", s, got)
		}
		if got := Gustafson(s, 1); math.Abs(got-1) > 1e-15 {
			t.Errorf("Gustafson(%g, 1) = %v, want 1", s, got)
		}
		for _, n := range []float64{1, 1.5, 2, 3, 8, 64, 1024, 1e6} {
			a, g := Amdahl(s, n), Gustafson(s, n)
			if s > 0 && a > 1/s*(1+1e-12) {
				t.Errorf("Amdahl(%g, %g) = %v, above 1/s = %v", s, n, a, 1/s)
			}
			if g < a*(1-1e-12) {
				t.Errorf("Gustafson(%g, %g) = %v, below Amdahl %v", s, n, g, a)
			}
			if a > n*(1+1e-12) {
				t.Errorf("Amdahl(%g, %g) = %v, above ideal %g", s, n, a, n)
			}
			if u := (USL{Sigma: s, Lambda: 1}).Speedup(n); math.Abs(u-a) > 1e-12*a {
				t.Errorf("USL{σ=%g, κ=0}.Speedup(%g) = %v, want Amdahl %v", s, n, u, a)
			}
			if n > 1 {
				if e := KarpFlatt(a, n); math.Abs(e-s) > 1e-9 {
					t.Errorf("KarpFlatt(Amdahl(%g, %g), %g) = %v, want s = %g", s, n, n, e, s)
				}
			}
		}
	}
}

func TestUSLPeakIsMaximum(t *testing.T) {
	for _, m := range []USL{{0.02671591, 7.690945e-4, 995.6486}, {0.1, 0.01, 1}, {0, 0.001, 5}, {0.5, 0.5, 1}} {
		p := m.Peak()
		// N* = ⌊√((1−σ)/κ)⌋ is the floor of the real maximiser, so X(N*) is within one step of the best integer.
		best := math.Max(m.X(p), m.X(p+1))
		for n := 1.0; n < 4*p+10; n++ {
			if m.X(n) > best*(1+1e-12) {
				t.Errorf("%v: X(%g) = %v above X at the peak %g and %g (%v)", m, n, m.X(n), p, p+1, best)
			}
		}
	}
	if p := (USL{Sigma: 0.1, Lambda: 1}).Peak(); !math.IsInf(p, 1) {
		t.Errorf("Peak with κ = 0 = %v, want +Inf", p)
	}
	if x := (USL{Sigma: 0.1, Lambda: 2}).PeakX(); math.Abs(x-20) > 1e-12 {
		t.Errorf("PeakX with κ = 0 = %v, want λ/σ = 20", x)
	}
	if p := (USL{Sigma: 1, Kappa: 0.1, Lambda: 1}).Peak(); p != 1 {
		t.Errorf("Peak with σ = 1 = %v, want 1", p)
	}
}

func TestUSLLimit(t *testing.T) {
	for _, c := range []struct {
		m    USL
		want string
	}{
		{USL{Lambda: 1}, "none"}, {USL{0.1, 0.01, 1}, "contention"}, {USL{0.001, 0.01, 1}, "coherency"}, {USL{0.01, 0.01, 1}, "balanced"},
	} {
		if got := c.m.Limit(); got != c.want {
			t.Errorf("%v.Limit() = %q, want %q", c.m, got, c.want)
		}
	}
}

func TestKarpFlattPoints(t *testing.T) {
	got, err := KarpFlattPoints([]Point{{N: 1, Value: 1}, {N: 2, Value: 1.6, Lower: 1.5, Upper: 1.7}, {N: 4, Value: Amdahl(0.25, 4)}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].N != 2 || got[1].N != 4 {
		t.Fatalf("KarpFlattPoints gave %+v; want points at N = 2 and 4", got)
	}
	if want := KarpFlatt(1.6, 2); got[0].Value != want || got[0].Lower != KarpFlatt(1.7, 2) || got[0].Upper != KarpFlatt(1.5, 2) {
		t.Errorf("N = 2: %+v; want value %v with interval [e(1.7), e(1.5)]", got[0], want)
	}
	if math.Abs(got[1].Value-0.25) > 1e-12 || got[1].HasInterval() {
		t.Errorf("N = 4: %+v; want 0.25 with no interval", got[1])
	}
	if _, err := KarpFlattPoints([]Point{{N: 1, Value: 1}}); err == nil {
		t.Error("KarpFlattPoints with only N = 1 gave no error")
	}
}
