package round

import (
	"testing"
	"time"
)

func TestDuration(t *testing.T) {
	for _, c := range []struct{ d, want time.Duration }{
		{0, 0},
		{999, 999},
		{1234, 1230},
		{9044 * time.Nanosecond, 9040 * time.Nanosecond},
		{5154384 * time.Nanosecond, 5150 * time.Microsecond},
		{10437 * time.Microsecond, 10400 * time.Microsecond},
		{-5154384 * time.Nanosecond, -5150 * time.Microsecond},
		{1234567 * time.Millisecond, 1235 * time.Second},
	} {
		if got := Duration(c.d); got != c.want {
			t.Errorf("Duration(%v) = %v; want %v", c.d, got, c.want)
		}
	}
}
