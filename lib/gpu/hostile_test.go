package gpu

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/internal/hostile"
)

// TestHostileInputs puts the values a learner could type into a Parameters cell through the model.
func TestHostileInputs(t *testing.T) {
	var cases []hostile.Case
	add := func(name, param string, call func() error) {
		cases = append(cases, hostile.Case{Name: name, Param: param, Call: func(context.Context) error { return call() }})
	}
	job := func() Offload {
		return Offload{Device: DefaultDevice(), CPUOps: 30, CPUGBps: 40, OpsPerElement: 100, BytesPerElement: 8}
	}
	nan, inf := math.NaN(), math.Inf(1)
	for _, v := range []int{0, -1, 1<<24 + 1, math.MaxInt, math.MinInt} {
		add(fmt.Sprintf("BreakEven/Lanes=%d", v), "Lanes", func() error { o := job(); o.Device.Lanes = v; _, err := o.BreakEven(); return err })
	}
	for _, v := range []float64{0, -1, nan, inf, 11} {
		add(fmt.Sprintf("BreakEven/GHz=%v", v), "GHz", func() error { o := job(); o.Device.GHz = v; _, err := o.BreakEven(); return err })
		add(fmt.Sprintf("BreakEven/BusGBps=%v", v-11), "BusGBps", func() error { o := job(); o.Device.BusGBps = v - 11; _, err := o.BreakEven(); return err })
		add(fmt.Sprintf("BreakEven/CPUOps=%v", v-11), "CPUOps", func() error { o := job(); o.CPUOps = v - 11; _, err := o.BreakEven(); return err })
		add(fmt.Sprintf("BreakEven/OpsPerElement=%v", v-11), "OpsPerElement", func() error { o := job(); o.OpsPerElement = v - 11; _, err := o.BreakEven(); return err })
	}
	for _, v := range []time.Duration{-1, 2 * time.Second, math.MaxInt64} {
		add(fmt.Sprintf("BreakEven/Launch=%v", v), "Launch", func() error { o := job(); o.Device.Launch = v; _, err := o.BreakEven(); return err })
	}
	add("BreakEven/BytesPerElement=-1", "BytesPerElement", func() error { o := job(); o.BytesPerElement = -1; _, err := o.BreakEven(); return err })
	cases = append(cases, hostile.Case{Name: "BreakEven/a tiny difference per element (never within 2^48)", Param: "OpsPerElement", Accepts: true,
		Call: func(context.Context) error {
			o := job()
			o.BytesPerElement, o.OpsPerElement = 0, 30*(1+1e-15)
			o.Device.GHz = 1e-3 // the GPU computes 3 ops/ns: ten times slower than the CPU
			o.Device.Lanes = 30000
			n, err := o.BreakEven()
			if err == nil && n != 0 && !(o.GPUNs(float64(n)) < o.CPUNs(float64(n))) {
				return fmt.Errorf("OpsPerElement: BreakEven = %d, where the GPU is not faster", n)
			}
			return err
		}})
	for _, v := range [][2]int{{0, 1}, {-1, 1}, {1 << 25, 1}, {math.MaxInt, 2}, {1, math.MaxInt}} {
		add(fmt.Sprintf("MandelbrotWork/%d×%d", v[0], v[1]), "width × height", func() error { _, err := MandelbrotWork(v[0], v[1], 10); return err })
	}
	for _, v := range []int{0, -1, 1<<16 + 1, math.MaxInt} {
		add(fmt.Sprintf("MandelbrotWork/iter=%d", v), "iter", func() error { _, err := MandelbrotWork(10, 10, v); return err })
	}
	for _, v := range []int{0, -1, 1025, math.MaxInt} {
		add(fmt.Sprintf("Divergence/warpSize=%d", v), "warpSize", func() error { _, err := Divergence([]int{1}, v); return err })
		add(fmt.Sprintf("BranchWarps/warpSize=%d", v), "warpSize", func() error {
			_, err := BranchWarps(10, v, 1, 1, func(int) bool { return true })
			return err
		})
	}
	for _, v := range []int{0, -1, MaxWork + 1, math.MaxInt} {
		add(fmt.Sprintf("BranchWarps/n=%d", v), "n", func() error { _, err := BranchWarps(v, 32, 1, 1, func(int) bool { return true }); return err })
	}
	add("Divergence/negative work", "work", func() error { _, err := Divergence([]int{3, -2}, 32); return err })
	hostile.Run(t, cases)
}
