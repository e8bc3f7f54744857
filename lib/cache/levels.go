package cache

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Level is one data or unified cache level as the operating system reports it for CPU 0.
type Level struct {
	Level int    // 1, 2, 3 …
	Type  string // "Data" or "Unified"
	Bytes int64  // capacity
	// LineBytes is the coherency line size (64 on x86-64 and most arm64; 128 on Apple's).
	LineBytes int
	// SharedCPUs is how many logical CPUs share this cache (0 when not reported).
	SharedCPUs int
}

// Name is "L1d", "L2", "L3".
func (l Level) Name() string {
	if l.Type == "Data" {
		return fmt.Sprintf("L%dd", l.Level)
	}
	return fmt.Sprintf("L%d", l.Level)
}

// sysCache is where Linux describes CPU 0's caches.
const sysCache = "/sys/devices/system/cpu/cpu0/cache"

// Levels returns the data and unified caches of CPU 0, smallest level first; nil where the system
// reports none.
func Levels() []Level { return levelsIn(sysCache) }

func levelsIn(dir string) []Level {
	dirs, _ := filepath.Glob(filepath.Join(dir, "index*"))
	var ls []Level
	for _, d := range dirs {
		read := func(name string) string {
			b, _ := os.ReadFile(filepath.Join(d, name))
			return strings.TrimSpace(string(b))
		}
		typ := read("type")
		if typ != "Data" && typ != "Unified" {
			continue
		}
		lvl, err1 := strconv.Atoi(read("level"))
		size, err2 := parseSize(read("size"))
		if err1 != nil || err2 != nil || size <= 0 {
			continue
		}
		line, _ := strconv.Atoi(read("coherency_line_size"))
		ls = append(ls, Level{Level: lvl, Type: typ, Bytes: size, LineBytes: line, SharedCPUs: countCPUs(read("shared_cpu_list"))})
	}
	slices.SortFunc(ls, func(a, b Level) int { return a.Level - b.Level })
	return ls
}

// parseSize reads "48K", "1024K", "32M", "8192".
func parseSize(s string) (int64, error) {
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "K"):
		mult, s = 1<<10, strings.TrimSuffix(s, "K")
	case strings.HasSuffix(s, "M"):
		mult, s = 1<<20, strings.TrimSuffix(s, "M")
	case strings.HasSuffix(s, "G"):
		mult, s = 1<<30, strings.TrimSuffix(s, "G")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > 1<<40/mult {
		return 0, fmt.Errorf("cache: size %q is not a size", s)
	}
	return n * mult, nil
}

// countCPUs counts the CPUs of a list such as "0-3,8,10-11".
func countCPUs(list string) int {
	n := 0
	for _, part := range strings.Split(list, ",") {
		if part == "" {
			continue
		}
		lo, hi, found := strings.Cut(part, "-")
		a, err1 := strconv.Atoi(lo)
		b := a
		var err2 error
		if found {
			b, err2 = strconv.Atoi(hi)
		}
		if err1 != nil || err2 != nil || b < a || b-a > 1<<20 {
			return 0
		}
		n += b - a + 1
	}
	return n
}

// Size writes a byte count the way the chart's axis does: "48 KiB", "1 MiB", "1.5 MiB".
func Size(b int64) string {
	switch {
	case b >= 1<<30 && b%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", b>>30)
	case b >= 1<<20:
		return strconv.FormatFloat(float64(b)/(1<<20), 'g', 4, 64) + " MiB"
	case b >= 1<<10:
		return strconv.FormatFloat(float64(b)/(1<<10), 'g', 4, 64) + " KiB"
	}
	return fmt.Sprintf("%d B", b)
}
