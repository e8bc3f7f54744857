package serving

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/parlab/parlab/lib/scaling"
)

// DescribeOverlap says in Markdown what the overlap experiment measured: curves[0] under
// GOMAXPROCS=1 and the last curve under all cores (see Curves), each request waiting latency. Every
// number in it is a measured one (or 1/latency, the most one goroutine can get). When there is no
// all-cores curve (OneCore), it says that this machine's one core is all it has.
func DescribeOverlap(curves []Curve, latency time.Duration) string {
	if len(curves) == 0 || len(curves[0].Levels) == 0 {
		return "Nothing measured yet."
	}
	one := curves[0].Levels
	first, best := one[0], bestLevel(one)
	last := one[len(one)-1]
	bound := "the server answers at once: there is no wait to overlap, only CPU work"
	if latency > 0 {
		bound = fmt.Sprintf("when each request waits %v, one goroutine can get at most 1/%v = %.0f", latency, latency, 1/latency.Seconds())
	}
	var b strings.Builder
	fmt.Fprintf(&b, "On **%s**, %s got **%.0f requests/s** (%s)", curveWhere(curves[0].Name), goroutines(first.N), first.Throughput.Value, bound)
	if best.N == first.N {
		b.WriteString(", and more goroutines got no more.")
	} else {
		fmt.Fprintf(&b, ", and %s got **%.0f requests/s**, **%.1f×** as many — while one request took %s, against %s with %s.",
			goroutines(best.N), best.Throughput.Value, best.Throughput.Value/first.Throughput.Value,
			latencyWords(best), latencyWords(first), goroutines(first.N))
		if best.Mean > 0 && best.Rate > 0 {
			fmt.Fprintf(&b, " Little's law, L = λW, with both measured over the same runs: λ = %.0f requests/s × W = %.2f ms (the mean request) = **%.1f** requests in flight on average — %s kept at most %d in flight.",
				best.Rate, 1000*best.Mean, best.Rate*best.Mean, goroutines(best.N), best.N)
		}
	}
	if last.N != best.N && last.Throughput.Value < 0.9*best.Throughput.Value {
		fmt.Fprintf(&b, " Past %s it fell (%.0f requests/s with %s): this one core was busy with the requests' CPU work.",
			goroutines(best.N), last.Throughput.Value, goroutines(last.N))
	}
	if OneCore(curves) {
		b.WriteString(" " + oneCoreNote)
	} else if len(curves) > 1 {
		all := curves[len(curves)-1]
		if l, ok := At(all.Levels, best.N); ok {
			r := l.Throughput.Value / best.Throughput.Value
			fmt.Fprintf(&b, " On **%s**, %s got %.0f requests/s, %.2f× the one-core figure", curveWhere(all.Name), goroutines(best.N), l.Throughput.Value, r)
			switch {
			case r >= 1.25:
				b.WriteString(": at this rate the CPU work of each request (HTTP on both ends — the server runs in this same program) " +
					"is enough to fill one core, and more cores help with that part.")
			case r >= 0.8 && latency > 0:
				b.WriteString(": the extra cores hardly mattered, because the time went into waiting, not computing.")
			case r >= 0.8:
				b.WriteString(": the extra cores hardly mattered.")
			default:
				b.WriteString(": fewer than on one core — goroutines that mostly talk to each other pay for being spread over " +
					"cores (waking threads, moving data between caches) and gain nothing from it.")
			}
		}
	}
	return b.String()
}

// oneCoreNote says why a one-core measurement has no all-cores line.
const oneCoreNote = "This machine gives Go **one core**, so \"all cores\" is that one core: the GOMAXPROCS=1 line is " +
	"the only one, and what more cores would add cannot be measured here."

// OneCore reports whether every measured curve (Model curves aside) ran under GOMAXPROCS=1: the
// experiments measure one core and all cores, and on a machine with one logical CPU these are the
// same, measured once. False when there is no measured curve.
func OneCore(curves []Curve) bool {
	seen := false
	for _, c := range curves {
		if c.Model {
			continue
		}
		_, procs, ok := strings.Cut(c.Name, "GOMAXPROCS=")
		if !ok || procs != "1" {
			return false
		}
		seen = true
	}
	return seen
}

// OverlapTitle is the title of the overlap experiment's chart: "one core or all", or, when the
// curves are one core's only (OneCore), a title that does not promise a second line.
func OverlapTitle(curves []Curve) string {
	if OneCore(curves) {
		return "Many requests on one core (all this machine has): throughput and latency"
	}
	return "Many requests, one core or all: throughput and latency"
}

// DescribeCapacity says in Markdown what the capacity experiment measured: levels against a server
// serving capacity requests at a time, each for latency, and the USL fitted to their throughputs.
func DescribeCapacity(levels []Level, fit scaling.USLFit, capacity int, latency time.Duration) string {
	if len(levels) == 0 || capacity < 1 {
		return "Nothing measured yet."
	}
	best, last, first := bestLevel(levels), levels[len(levels)-1], levels[0]
	var b strings.Builder
	if latency > 0 {
		ceiling := float64(capacity) / latency.Seconds()
		fmt.Fprintf(&b, "The server serves %d requests at a time, each for %v, so it answers at most %d / %v = **%.0f requests/s**, however many clients ask. "+
			"Measured: the throughput rose to **%.0f requests/s** with %s (%.0f%% of that ceiling)",
			capacity, latency, capacity, latency, ceiling, best.Throughput.Value, goroutines(best.N), 100*best.Throughput.Value/ceiling)
	} else {
		fmt.Fprintf(&b, "The server answers at once (latency 0), so its capacity of %d hardly matters: the CPU work of each request sets the pace. "+
			"Measured: the throughput rose to **%.0f requests/s** with %s", capacity, best.Throughput.Value, goroutines(best.N))
	}
	if last.N > best.N {
		fmt.Fprintf(&b, "; with %s it was %.0f requests/s, while a request took %s with %s and **%s** with %s: "+
			"past the capacity, extra requests only wait in the server's queue (Little's law, L = λW: with λ capped, W grows with L).",
			goroutines(last.N), last.Throughput.Value, latencyWords(first), goroutines(first.N), latencyWords(last), goroutines(last.N))
	} else {
		b.WriteString(", and it was still rising at the largest N measured: add larger levels to see the ceiling.")
	}
	if fit.Lambda > 0 {
		fmt.Fprintf(&b, "\n\nThe fitted Universal Scalability Law (a model, not a measurement): σ = %.3g, κ = %.3g, λ = %.0f requests/s per goroutine, R² = %.3f; limited by %s",
			fit.Sigma, fit.Kappa, fit.Lambda, fit.R2, fit.Limit())
		if p := fit.Peak(); math.IsInf(p, 1) {
			fmt.Fprintf(&b, " — it levels off towards λ/σ = %.0f requests/s and never falls.", fit.PeakX())
		} else {
			fmt.Fprintf(&b, " — it peaks at N* = %.0f with %.0f requests/s and falls beyond.", p, fit.PeakX())
		}
		if fit.Warning != "" {
			fmt.Fprintf(&b, " **Caution:** %s", fit.Warning)
		}
	}
	return b.String()
}

// latencyWords says how long a level's requests took: "5.3 ms (median; p99 7.1 ms)" when measured,
// "5.3 ms on average (derived by Little's law)" when not.
func latencyWords(l Level) string {
	if l.Derived {
		return fmt.Sprintf("%.1f ms on average (derived by Little's law)", 1000*l.Latency.Value)
	}
	return fmt.Sprintf("%.1f ms (median; p99 %.1f ms)", 1000*l.Latency.Value, 1000*l.P99)
}

func bestLevel(levels []Level) Level {
	best := levels[0]
	for _, l := range levels[1:] {
		if l.Throughput.Value > best.Throughput.Value {
			best = l
		}
	}
	return best
}

func goroutines(n int) string {
	if n == 1 {
		return "1 goroutine"
	}
	return fmt.Sprintf("%d goroutines", n)
}

// curveWhere turns "GOMAXPROCS=1" into "one core (GOMAXPROCS=1)" and "GOMAXPROCS=4" into
// "all 4 cores (GOMAXPROCS=4)".
func curveWhere(name string) string {
	n, ok := strings.CutPrefix(name, "GOMAXPROCS=")
	switch {
	case !ok:
		return name
	case n == "1":
		return "one core (GOMAXPROCS=1)"
	}
	return fmt.Sprintf("all %s cores (GOMAXPROCS=%s)", n, n)
}
