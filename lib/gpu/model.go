package gpu

import (
	"fmt"
	"math"
	"time"
)

// Device is a GPU model's parameters.
type Device struct {
	Name string
	// Lanes is the lanes (CUDA cores, stream processors) that compute at once.
	Lanes int
	// WarpSize is the lanes that execute in lockstep: 32 on NVIDIA GPUs, 32 or 64 on AMD's.
	WarpSize int
	// GHz is the lanes' clock: the model lets each lane do one operation per cycle.
	GHz float64
	// MemoryGBps is the GPU's own memory bandwidth.
	MemoryGBps float64
	// BusGBps is the bandwidth between the CPU's memory and the GPU's, each way.
	BusGBps float64
	// Launch is the fixed cost of starting a kernel and waiting for it.
	Launch time.Duration
}

// DefaultDevice is a mid-range discrete GPU as a model: 3072 lanes in warps of 32 at 1.5 GHz, one
// operation per lane per cycle (4608 operations per ns in all), 450 GB/s of its own memory, a PCIe 4.0
// ×16 bus at 25 GB/s each way, and 10 µs to launch a kernel and wait for it.
func DefaultDevice() Device {
	return Device{Name: "a mid-range discrete GPU (model)", Lanes: 3072, WarpSize: 32, GHz: 1.5, MemoryGBps: 450, BusGBps: 25, Launch: 10 * time.Microsecond}
}

// PeakOps is Lanes × GHz operations per ns.
func (d Device) PeakOps() float64 { return float64(d.Lanes) * d.GHz }

// Validate says what is wrong with the model's numbers, naming the field; nil when they make sense.
func (d Device) Validate() error {
	switch {
	case d.Lanes < 1 || d.Lanes > 1<<24:
		return fmt.Errorf("gpu: Lanes is %d; want 1 to %d", d.Lanes, 1<<24)
	case d.WarpSize < 1 || d.WarpSize > 1024:
		return fmt.Errorf("gpu: WarpSize is %d; want 1 to 1024 lanes", d.WarpSize)
	case !(d.GHz > 0 && d.GHz <= 10):
		return fmt.Errorf("gpu: GHz is %v; want more than 0, at most 10", d.GHz)
	case !(d.MemoryGBps > 0 && d.MemoryGBps <= 1e5):
		return fmt.Errorf("gpu: MemoryGBps is %v; want more than 0, at most 100000", d.MemoryGBps)
	case !(d.BusGBps > 0 && d.BusGBps <= 1e5):
		return fmt.Errorf("gpu: BusGBps is %v; want more than 0, at most 100000", d.BusGBps)
	case d.Launch < 0 || d.Launch > time.Second:
		return fmt.Errorf("gpu: Launch is %v; want 0 to 1s", d.Launch)
	}
	return nil
}

// Offload is a job of n elements, each needing OpsPerElement operations and moving BytesPerElement
// bytes (read and written together), on a CPU with the given ceilings or on the Device.
type Offload struct {
	Device Device
	// CPUOps and CPUGBps are the CPU's ceilings on all its cores: operations per ns and GB/s (a
	// measured roofline: roofline.Roof's Ops.Value and Bandwidth.Value).
	CPUOps, CPUGBps float64
	// OpsPerElement and BytesPerElement describe the kernel; their ratio is its arithmetic intensity.
	OpsPerElement, BytesPerElement float64
}

// Validate says what is wrong, naming the field; nil when the job makes sense.
func (o Offload) Validate() error {
	if err := o.Device.Validate(); err != nil {
		return err
	}
	switch {
	case !(o.CPUOps > 0 && o.CPUOps < 1e7):
		return fmt.Errorf("gpu: CPUOps is %v operations per ns; want a measured peak, more than 0", o.CPUOps)
	case !(o.CPUGBps > 0 && o.CPUGBps < 1e7):
		return fmt.Errorf("gpu: CPUGBps is %v; want a measured bandwidth, more than 0", o.CPUGBps)
	case !(o.OpsPerElement > 0 && o.OpsPerElement < 1e9):
		return fmt.Errorf("gpu: OpsPerElement is %v; want more than 0", o.OpsPerElement)
	case !(o.BytesPerElement >= 0 && o.BytesPerElement < 1e9):
		return fmt.Errorf("gpu: BytesPerElement is %v; want 0 or more", o.BytesPerElement)
	}
	return nil
}

// CPUNs is the CPU's time for n elements in ns: the roofline's max(ops/peak, bytes/bandwidth).
func (o Offload) CPUNs(n float64) float64 {
	return math.Max(n*o.OpsPerElement/o.CPUOps, n*o.BytesPerElement/o.CPUGBps)
}

// GPUNs is the model's time for n elements in ns: the launch, the bytes over the bus (each way, at
// BusGBps), and the GPU's own roofline.
func (o Offload) GPUNs(n float64) float64 {
	d := o.Device
	return float64(d.Launch) + n*o.BytesPerElement/d.BusGBps +
		math.Max(n*o.OpsPerElement/d.PeakOps(), n*o.BytesPerElement/d.MemoryGBps)
}

// MaxElements bounds the sizes BreakEven looks at: 2⁴⁸ elements.
const MaxElements = 1 << 48

// BreakEven returns the smallest n (1 to MaxElements) for which GPUNs(n) < CPUNs(n), or 0 when
// offloading never pays: when the GPU's time per element (bus and compute) is not below the CPU's,
// the launch is never paid back.
func (o Offload) BreakEven() (int64, error) {
	if err := o.Validate(); err != nil {
		return 0, err
	}
	cpu, gpu := o.CPUNs(1), o.GPUNs(1)-float64(o.Device.Launch) // per element
	if gpu >= cpu {
		return 0, nil
	}
	est := float64(o.Device.Launch) / (cpu - gpu)
	if !(est < MaxElements) {
		return 0, nil
	}
	n := int64(math.Floor(est)) + 1
	// Rounding: step to the exact first n.
	for n > 1 && o.GPUNs(float64(n-1)) < o.CPUNs(float64(n-1)) {
		n--
	}
	for n <= MaxElements && !(o.GPUNs(float64(n)) < o.CPUNs(float64(n))) {
		n++
	}
	if n > MaxElements {
		return 0, nil
	}
	return max(n, 1), nil
}

// Describe says in a sentence where offloading starts to pay, or why it never does.
func (o Offload) Describe() string {
	n, err := o.BreakEven()
	if err != nil {
		return err.Error()
	}
	ai := math.Inf(1)
	if o.BytesPerElement > 0 {
		ai = o.OpsPerElement / o.BytesPerElement
	}
	if n == 0 {
		return fmt.Sprintf("At %.3g operations per byte, offloading never pays in this model: moving one element's %.0f bytes over the bus (%.3g ns) already takes longer than the CPU needs to do its whole work (%.3g ns).",
			ai, o.BytesPerElement, o.BytesPerElement/o.Device.BusGBps, o.CPUNs(1))
	}
	return fmt.Sprintf("At %.3g operations per byte, offloading pays from **%d elements** on: below that, the launch (%v) and the bus cost more than the GPU's lanes save. At 10× that size the model's GPU is %.1f× as fast as the CPU.",
		ai, n, o.Device.Launch, o.CPUNs(10*float64(n))/o.GPUNs(10*float64(n)))
}
