package nb

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/parlab/parlab/lib/bench"
)

// RunCached is Run, with the result kept for the cells after it: GoNB runs each cell as a new
// program, so a value measured in one cell is gone in the next. A complete result (not interrupted,
// no error) is written as JSON under key in the cache directory Measure uses (PARLAB_CACHE); a later
// call with the same key reads it back instead of measuring, saying so. The key must change whenever
// what run measures changes — put the parameters in it: "roof trials=6". ClearCache forgets it.
// T must survive a JSON round trip (exported fields).
func RunCached[T any](key string, run func(ctx context.Context, progress func(bench.Progress)) (T, error)) (T, error) {
	var zero T
	if run == nil {
		return zero, fmt.Errorf("nb: RunCached was given a nil function: pass the experiment to run")
	}
	path := ""
	if d := cacheDir(); d != "" && strings.TrimSpace(key) != "" {
		path = filepath.Join(d, "run-"+safeName(key)+".json")
	}
	if path != "" {
		if b, err := os.ReadFile(path); err == nil {
			var v T
			if json.Unmarshal(b, &v) == nil {
				note("info", "Using the result measured earlier with the same parameters ("+key+"); its warnings were shown there. Change a parameter, or call nb.ClearCache(), to measure again.")
				return v, nil
			}
		}
	}
	interrupted := false
	v, err := Run(func(ctx context.Context, progress func(bench.Progress)) (T, error) {
		v, err := run(ctx, progress)
		interrupted = ctx.Err() != nil
		return v, err
	})
	if err != nil || interrupted || path == "" {
		return v, err
	}
	b, jerr := json.Marshal(v)
	if jerr == nil {
		jerr = os.MkdirAll(filepath.Dir(path), 0o755)
	}
	if jerr == nil {
		jerr = os.WriteFile(path, b, 0o644)
	}
	if jerr != nil {
		note("info", "The result could not be kept for the next cells, which will measure again: "+jerr.Error())
	}
	return v, nil
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
