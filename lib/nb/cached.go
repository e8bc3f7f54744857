package nb

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/parlab/parlab/lib/bench"
)

// Cached runs, from a notebook cell, an experiment as Run does — live progress bar, Kernel → Interrupt
// keeping what was measured — and caches a complete result under key, as Measure caches a sweep: running
// the cell again with the same key returns the stored result at once, and says so. Use it for results
// that carry more than a bench.Result (serving.Measurement keeps every request's latency); the key must
// change whenever what the experiment measures does — put the parameters in it, e.g. "roof trials=6", or
// serving.Experiment.CacheKey — and is at most 200 bytes; characters other than letters, digits, '-', '.'
// and '=' become '_' in the file's name, which ends in a short hash of the key itself, so that keys
// differing only there ("roof trials=6", "roof_trials=6") keep results of their own. key "" caches
// nothing.
//
// T is stored as JSON, so only its exported fields survive the cache. A partial (interrupted) result is
// returned with a nil error, as Run does, and is not cached; ClearCache forgets cached results too.
func Cached[T any](key string, run func(ctx context.Context, progress func(bench.Progress)) (T, error)) (T, error) {
	var zero T
	if run == nil {
		return zero, errors.New("nb: Cached was given a nil function: pass the experiment to run")
	}
	if len(key) > 200 {
		return zero, fmt.Errorf("nb: Cached was given a key of %d bytes; want at most 200 (it names a file): the parameters of the experiment, e.g. \"roof trials=6\"", len(key))
	}
	path := ""
	if strings.TrimSpace(key) != "" {
		if d := cacheDir(); d != "" {
			path = filepath.Join(d, cachedName(key))
		}
	}
	if path != "" {
		if res, at, ok := readCached[T](path); ok {
			note("info", fmt.Sprintf("Using the result measured at %s: the parameters have not changed. "+
				"Change one, or call nb.ClearCache(), to measure again.", at.Local().Format("15:04:05")))
			if w, ok := any(res).(Warner); ok {
				warn(w)
			}
			return res, nil
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	bar := newProgressBar()
	start := time.Now()
	res, err := run(ctx, bar.update)
	bar.close()
	w, _ := any(res).(Warner)
	if err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		note("partial", "Interrupted: what was measured before the interrupt is kept and drawn, marked partial. It is not cached.")
		if w != nil {
			warn(w)
		}
		return res, nil
	}
	if err != nil {
		return res, err
	}
	if path != "" {
		if err := writeCached(path, res); err != nil {
			note("info", "The result could not be cached, so the next run will measure again: "+err.Error())
		}
	}
	note("info", "Measured in "+took(time.Since(start))+".")
	if w != nil {
		warn(w)
	}
	return res, nil
}

// readCached reads a result Cached stored at path, with when it was stored.
func readCached[T any](path string) (T, time.Time, bool) {
	var res T
	fi, err := os.Stat(path)
	if err != nil || fi.Size() > maxCachedBytes {
		return res, time.Time{}, false
	}
	b, err := os.ReadFile(path)
	if err != nil || json.Unmarshal(b, &res) != nil {
		return res, time.Time{}, false
	}
	return res, fi.ModTime(), true
}

// maxCachedBytes bounds a cached result Cached reads back.
const maxCachedBytes = 256 << 20

func writeCached(path string, res any) error {
	b, err := json.Marshal(res)
	if err != nil {
		return fmt.Errorf("nb: encoding the result: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// cachedName is the name of the file Cached keeps key's result in: the key made safe for a file name,
// readable, then the first 12 hex digits of its SHA-256, which tell apart keys that safeName maps to
// the same name.
func cachedName(key string) string {
	sum := sha256.Sum256([]byte(key))
	return "experiment-" + safeName(key) + "-" + hex.EncodeToString(sum[:6]) + ".json"
}

// safeName turns a key into a file name: letters, digits, '-', '.' and '=' kept, the rest '_'.
func safeName(key string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '.', r == '=':
			return r
		}
		return '_'
	}, key)
}
