package bench

import (
	"encoding/binary"
	"math"
	"testing"
	"time"
)

// decodeSamples reads two sample sets: the first byte says how many of the 8-byte durations that
// follow belong to the first set (the rest form the second). Any bytes decode.
func decodeSamples(data []byte) (a, b []time.Duration) {
	if len(data) == 0 {
		return nil, nil
	}
	na := int(data[0])
	data = data[1:]
	for i := 0; len(data) >= 8; i++ {
		d := time.Duration(binary.LittleEndian.Uint64(data))
		if i < na {
			a = append(a, d)
		} else {
			b = append(b, d)
		}
		data = data[8:]
	}
	return a, b
}

func encodeSamples(a, b []time.Duration) []byte {
	out := []byte{byte(len(a))}
	for _, d := range append(append([]time.Duration(nil), a...), b...) {
		out = binary.LittleEndian.AppendUint64(out, uint64(d))
	}
	return out
}

// FuzzRatio checks MedianCI and Ratio on any samples: no panic, an interval only from MinTrials
// samples up, and then one that is finite, ordered and positive. The committed corpus
// (testdata/fuzz/FuzzRatio) holds the seeds below. Run for a fixed time:
//
//	go test -run '^$' -fuzz '^FuzzRatio$' -fuzztime 5s ./lib/bench
func FuzzRatio(f *testing.F) {
	f.Add(encodeSamples(ms(10, 10.4, 9.7, 10.1, 10.3, 9.9, 10, 10.2, 9.8, 10.6), ms(5.1, 5, 4.9, 5.3, 5.2, 4.8, 5, 5.1, 4.95, 5.05)))
	f.Add(encodeSamples(ms(3.2), ms(1.6)))                                               // a partial result: one sample each
	f.Add(encodeSamples(ms(2.7, 5, 2.7, 2.7, 5, 2.7), ms(1.4, 1.4, 2.5, 1.4, 2.5, 1.4))) // bimodal
	f.Add(encodeSamples([]time.Duration{0, 0, 0, 0, 0, 1}, ms(1, 1, 1, 1, 1, 1)))        // zero times
	f.Add(encodeSamples([]time.Duration{math.MaxInt64, math.MaxInt64, math.MaxInt64 - 1, 1, 2, 3}, []time.Duration{-1, 5, 6, 7, 8, 9}))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, b := decodeSamples(data)
		for _, xs := range [][]time.Duration{a, b} {
			med, lo, hi, cov := MedianCI(xs)
			switch {
			case len(xs) < MinTrials:
				if lo != 0 || hi != 0 || cov != 0 {
					t.Fatalf("MedianCI(%v) = %v [%v, %v] coverage %v; want no interval below %d samples", xs, med, lo, hi, cov, MinTrials)
				}
			case !(lo <= med && med <= hi && cov >= Level):
				t.Fatalf("MedianCI(%v) = %v [%v, %v] coverage %v; want the median inside an interval of coverage ≥ %v", xs, med, lo, hi, cov, Level)
			}
		}
		iv := Ratio(a, b, 0)
		if math.IsNaN(iv.Value) || math.IsInf(iv.Value, 0) || iv.Value < 0 {
			t.Fatalf("Ratio(%v, %v) = %+v: value not finite and ≥ 0", a, b, iv)
		}
		if iv.Known() {
			if len(a) < MinTrials || len(b) < MinTrials {
				t.Fatalf("Ratio(%d samples, %d samples) = %+v: an interval from fewer than %d", len(a), len(b), iv, MinTrials)
			}
			if !(iv.Low > 0 && iv.Low <= iv.High && !math.IsInf(iv.High, 0) && !math.IsNaN(iv.High)) {
				t.Fatalf("Ratio(%v, %v) = %+v: want 0 < Low ≤ High < +Inf", a, b, iv)
			}
		}
	})
}
