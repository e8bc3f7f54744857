// Package gpu is a model of a GPU — simulated, not measured: no GPU is used. It shows the two things
// that decide whether a loop gains from one.
//
// # SIMT and divergence
//
// A GPU runs thousands of lanes (CUDA cores) grouped in warps of 32 that execute one instruction
// stream in lockstep: single instruction, multiple threads (SIMT). When the lanes of a warp branch
// differently — one pixel escapes the Mandelbrot set after 3 iterations, its neighbour runs 256 — the
// warp runs every path any lane takes, the others masked off and idle, so it takes as long as its
// slowest lane. [Divergence] simulates that over a list of per-element work (iterations, steps) and
// reports the fraction of lane-steps that did useful work.
//
// # The bus
//
// A discrete GPU has its own memory: data crosses a bus (PCIe: tens of GB/s) to it and back, and a
// kernel launch costs microseconds. [Offload] compares, for n elements that each need some operations
// and move some bytes, the time on the CPU — from a measured roofline, min of its compute and
// bandwidth ceilings — with the model's: launch + transfer + the GPU's own roofline. Offloading pays
// from [Offload.BreakEven] elements on, and never when the transfer alone takes longer than the CPU
// needs for the whole job: a kernel with few operations per byte stays on the CPU, however many lanes.
//
// Every number of a [Device] is a parameter of the model, with defaults typical of a mid-range
// discrete GPU (stated on DefaultDevice); if a GPU and a Go binding are ever present, a measured point
// may join the model. [CheckBreakEven] is the self-check of the exercise "find the size where
// offloading starts to pay". Nothing here starts a goroutine.
package gpu
