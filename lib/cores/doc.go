// Package cores says what the operating system reports about this machine's processors: logical CPUs
// (what the OS schedules on), physical cores (what has its own execution units), sockets, threads per
// core (two when simultaneous multithreading — Intel's Hyper-Threading, AMD's SMT — is on), kinds of
// core (performance and efficiency cores on hybrid laptops), the CPUs this process may use, the cgroup
// CPU quota, and GOMAXPROCS.
//
// [Read] takes the topology from Linux's /sys/devices/system/cpu (core_id, physical_package_id,
// cpu_capacity), falls back on /proc/cpuinfo (physical id, core id, cpu cores, siblings), and runs
// lscpu, when it is installed, for its summary lines; where none of them exist (macOS, Windows) it
// knows only what Go's runtime reports and says so. Two hyperthreads of one core share its execution
// units, so a computing program's speedup usually bends at the physical-core count, not the logical;
// a virtual machine's "cores" may themselves be hyperthreads of the host, which no file inside it
// reveals — the capacity probe of package bench measures what they actually give.
//
// Read starts no goroutines; lscpu is given at most two seconds.
package cores
