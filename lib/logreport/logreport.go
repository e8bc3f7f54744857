package logreport

import (
	"bytes"
	"cmp"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// MaxLines is the most lines Generate makes: about 640 MiB of log.
const MaxLines = 1 << 22

// Record is one parsed line.
type Record struct {
	Time     time.Time
	Level    string
	Method   string
	Path     string
	Status   int
	Bytes    int
	Duration time.Duration // rounded to the microsecond
}

// Route is what Aggregate knows about one route (a path with its numbers replaced by ":id").
type Route struct {
	Route     string
	Count     int
	Errors    int // status 500 and above
	Bytes     int
	Durations []time.Duration // in the order the records came; Format sorts them
}

var routes = []string{"/api/users/%d", "/api/users/%d/orders", "/api/orders/%d", "/api/products/%d", "/api/products",
	"/api/search", "/static/app.js", "/static/app.css", "/health", "/api/cart/%d/items/%d", "/login", "/logout"}

var agents = []string{`Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36`,
	`Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15`,
	`curl/8.5.0`, `Go-http-client/1.1`}

// Generate returns a log of lines lines, the same for the same seed, such as
//
//	2026-11-27T10:15:32.123456Z level=info method=GET path=/api/users/1234 status=200 bytes=5120 duration=12.345ms ua="curl/8.5.0"
func Generate(lines int, seed uint64) ([]byte, error) {
	if lines < 1 || lines > MaxLines {
		return nil, fmt.Errorf("logreport: lines = %d is not allowed: want from 1 to %d", lines, MaxLines)
	}
	rng := rand.New(rand.NewPCG(seed, 0x6a09e667f3bcc909))
	start := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	var b bytes.Buffer
	b.Grow(lines * 170)
	for i := range lines {
		t := start.Add(time.Duration(i)*37*time.Millisecond + time.Duration(rng.IntN(1000))*time.Microsecond)
		r := routes[rng.IntN(len(routes))]
		path := r
		switch strings.Count(r, "%d") {
		case 1:
			path = fmt.Sprintf(r, 1+rng.IntN(5000))
		case 2:
			path = fmt.Sprintf(r, 1+rng.IntN(5000), 1+rng.IntN(50))
		}
		status, level := 200, "info"
		switch x := rng.IntN(100); {
		case x < 2:
			status, level = 500, "error"
		case x < 7:
			status, level = 404, "warn"
		}
		method := "GET"
		if rng.IntN(5) == 0 {
			method = "POST"
		}
		ms := rng.ExpFloat64() * 20 // latency: exponential, mean 20 ms
		fmt.Fprintf(&b, "%s level=%s method=%s path=%s status=%d bytes=%d duration=%.3fms ua=%q\n",
			t.Format("2006-01-02T15:04:05.000000Z07:00"), level, method, path, status, 200+rng.IntN(20000), ms, agents[rng.IntN(len(agents))])
	}
	return b.Bytes(), nil
}

// Read cuts the log into lines, without copying them; a last line without a newline counts.
func Read(log []byte) [][]byte {
	lines := make([][]byte, 0, bytes.Count(log, []byte{'\n'})+1)
	for len(log) > 0 {
		i := bytes.IndexByte(log, '\n')
		if i < 0 {
			lines = append(lines, log)
			break
		}
		lines = append(lines, log[:i])
		log = log[i+1:]
	}
	return lines
}

var lineRE = regexp.MustCompile(`^(\S+) level=(\w+) method=(\w+) path=(\S+) status=(\d+) bytes=(\d+) duration=([0-9.]+)ms ua="([^"]*)"$`)

// ParseLine parses one line; ok is false for a line that is not a well-formed log line.
func ParseLine(line []byte) (r Record, ok bool) {
	m := lineRE.FindSubmatch(line)
	if m == nil {
		return Record{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, string(m[1]))
	if err != nil {
		return Record{}, false
	}
	status, err1 := strconv.Atoi(string(m[5]))
	size, err2 := strconv.Atoi(string(m[6]))
	ms, err3 := strconv.ParseFloat(string(m[7]), 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return Record{}, false
	}
	return Record{Time: t, Level: string(m[2]), Method: string(m[3]), Path: string(m[4]), Status: status, Bytes: size,
		Duration: time.Duration(ms*1000+0.5) * time.Microsecond}, true
}

// Parse parses the lines in order, leaving out those that are not well-formed.
func Parse(lines [][]byte) []Record {
	out := make([]Record, 0, len(lines))
	for _, l := range lines {
		if r, ok := ParseLine(l); ok {
			out = append(out, r)
		}
	}
	return out
}

// RouteOf returns the route of a path: every segment made of digits becomes ":id".
func RouteOf(path string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		if p != "" && strings.Trim(p, "0123456789") == "" {
			parts[i] = ":id"
		}
	}
	return strings.Join(parts, "/")
}

// Aggregate counts the records per route.
func Aggregate(recs []Record) map[string]*Route {
	m := map[string]*Route{}
	for _, r := range recs {
		key := r.Method + " " + RouteOf(r.Path)
		rt := m[key]
		if rt == nil {
			rt = &Route{Route: key}
			m[key] = rt
		}
		add(rt, r)
	}
	return m
}

func add(rt *Route, r Record) {
	rt.Count++
	if r.Status >= 500 {
		rt.Errors++
	}
	rt.Bytes += r.Bytes
	rt.Durations = append(rt.Durations, r.Duration)
}

// Format writes the report: one row per route, busiest first, with its latency percentiles. It sorts
// each route's durations (in place).
func Format(m map[string]*Route) string {
	rs := make([]*Route, 0, len(m))
	for _, r := range m {
		slices.Sort(r.Durations)
		rs = append(rs, r)
	}
	return table(rs)
}

// table formats routes whose durations are sorted.
func table(rs []*Route) string {
	slices.SortFunc(rs, func(a, b *Route) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Route, b.Route))
	})
	var b strings.Builder
	fmt.Fprintf(&b, "%-32s %8s %7s %10s %9s %9s %9s\n", "route", "requests", "errors", "MB", "p50", "p95", "p99")
	for _, r := range rs {
		fmt.Fprintf(&b, "%-32s %8d %7d %10.1f %9v %9v %9v\n", r.Route, r.Count, r.Errors, float64(r.Bytes)/1e6,
			pct(r.Durations, 50), pct(r.Durations, 95), pct(r.Durations, 99))
	}
	return b.String()
}

// pct returns the p-th percentile of sorted durations (nearest rank).
func pct(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[max(0, (p*len(sorted)+99)/100-1)]
}

// Report runs the whole program serially: Format(Aggregate(Parse(Read(log)))).
func Report(log []byte) string {
	return Format(Aggregate(Parse(Read(log))))
}
