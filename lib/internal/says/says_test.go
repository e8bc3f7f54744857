package says

import (
	"fmt"
	"testing"
)

// recorder is a testing.TB that keeps what Check reports.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func TestCheck(t *testing.T) {
	for _, c := range []struct {
		text      string
		want, not []string
		errors    int
	}{
		{"2.00× on 2 cores", []string{"2.00×", "cores"}, []string{"1 cores"}, 0},
		{"2.00× on 2 cores", []string{"3.00×"}, nil, 1},
		{"2.00× on 2 cores", nil, []string{"2 cores", "2.00"}, 2},
		{"", []string{"a", "b"}, []string{""}, 3}, // "" is in every text
	} {
		r := &recorder{TB: t}
		Check(r, "case", c.text, c.want, c.not)
		if len(r.errs) != c.errors {
			t.Errorf("Check(%q, %q, %q) reported %d: %q; want %d", c.text, c.want, c.not, len(r.errs), r.errs, c.errors)
		}
	}
}
