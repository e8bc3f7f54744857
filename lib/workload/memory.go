package workload

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// availableMemory returns how many bytes this process can still allocate: the kernel's
// MemAvailable, lowered to the cgroup's limit minus its usage when there is one. ok is false
// where neither can be read (not Linux); then sizes are not checked against memory.
func availableMemory() (bytes uint64, ok bool) {
	if f, err := os.Open("/proc/meminfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if rest, found := strings.CutPrefix(sc.Text(), "MemAvailable:"); found {
				kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
				if err == nil {
					bytes, ok = kb*1024, true
				}
			}
		}
		f.Close()
	}
	// cgroup v2, then v1.
	for _, p := range [][2]string{
		{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current"},
		{"/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/memory/memory.usage_in_bytes"},
	} {
		limit, err1 := readUint(p[0])
		used, err2 := readUint(p[1])
		if err1 != nil || err2 != nil || limit >= 1<<60 {
			continue
		}
		free := uint64(0)
		if limit > used {
			free = limit - used
		}
		if !ok || free < bytes {
			bytes, ok = free, true
		}
		break
	}
	return bytes, ok
}

func readUint(path string) (uint64, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	return strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
}

// validateMemory returns an error naming the parameter when the task needs more than half of the
// memory still available. need(v) is the bytes the task needs when the parameter is v; it must
// grow with v.
func validateMemory(task, param string, value int, need func(v int) uint64) error {
	avail, ok := availableMemory()
	if !ok || need(value) <= avail/2 {
		return nil
	}
	fit := 0 // the largest value that fits, by bisection
	for lo, hi := 1, value; lo <= hi; {
		mid := lo + (hi-lo)/2
		if need(mid) <= avail/2 {
			fit, lo = mid, mid+1
		} else {
			hi = mid - 1
		}
	}
	return errSize(task, param, value, fmt.Sprintf(
		"it needs %s of memory and %s is available, of which this package uses at most half; on this machine use %s ≤ %d",
		bytesString(need(value)), bytesString(avail), param, fit))
}

func bytesString(b uint64) string {
	switch {
	case b >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(b)/(1<<30))
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20))
	default:
		return fmt.Sprintf("%d bytes", b)
	}
}
