// Package round shortens the durations parlab prints in sentences: three significant digits, so a
// learner reads 5.15ms, not 5.154384ms.
package round

import "time"

// Duration returns d rounded to three significant digits (to the second from 1000 s on). A negative d
// is rounded as its absolute value would be.
func Duration(d time.Duration) time.Duration {
	abs := d
	if abs < 0 {
		abs = -abs
	}
	for unit := time.Duration(1); unit < time.Second; unit *= 10 {
		if abs < 1000*unit {
			return d.Round(unit)
		}
	}
	return d.Round(time.Second)
}
