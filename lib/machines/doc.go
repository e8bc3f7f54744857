// Package machines compares the speedup of one task across machines: every report make bench left in
// data/bench (bench.Reports) and the learner's own sweep, measured now. It is the library of notebook
// 09, "Your machine and others".
//
//   - [Compare] gathers, for one kind of task (workload.Kind: "sum of squares"), each machine's
//     speedups and fits Amdahl's law and the Universal Scalability Law to them where the points allow,
//     keeping the sentence scaling gives when they do not. The fits use the points up to the
//     machine's cores: its physical cores when the report knows them, else its logical CPUs, and no
//     more than GOMAXPROCS or a CPU quota allowed. Past that, a worker gets a second hardware thread
//     of a busy core, or no core at all, which neither law models.
//   - [Comparison.Knee] and [Comparison.Peak] find what a small machine cannot show: a machine whose
//     sweep went past its physical cores (the knee, where each extra worker adds only a hardware
//     thread's share of a core), and one whose USL fit shows throughput falling past a peak.
//   - [Model] is a made-up machine for what no report shows — physical cores with hardware threads,
//     and the USL — always labelled as a model where it is drawn.
//   - [Sweep] is the learner's sweep of the same task, and [CheckKnee] the self-check of the notebook's
//     exercise: finding the physical cores in a speedup curve.
//
// Nothing here measures except through the Sweep it returns, and nothing starts a goroutine but
// CheckKnee, which calls the learner's function through check.Call. Charts are in lib/figure
// (machines.go). Reports, their names and their folder are package bench's.
package machines
