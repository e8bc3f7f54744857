package timeline

import (
	"fmt"
	"time"
)

// Summary says in one Markdown sentence what the timeline measured: how many tasks did the work,
// whether they took turns or ran side by side, and how many lanes were busy on average. Every number
// comes from the timeline; for a traced run they describe the schedule's shape, not its speed.
func (t Timeline) Summary() string {
	lane := t.LaneName
	if lane == "" {
		lane = "lane"
	}
	title := t.Title
	if title == "" {
		title = "This run"
	}
	tr := t.Turns()
	var who string
	switch len(tr.Workers) {
	case 0:
		who = "no task computed long enough to count as doing the work"
	case 1:
		who = "one task did all the work"
	default:
		who = fmt.Sprintf("%d tasks did the work", len(tr.Workers))
	}
	s := fmt.Sprintf("**%s**: %s", title, who)
	if t.Lanes <= 1 {
		if len(tr.Workers) > 1 {
			s += fmt.Sprintf(" on one %s, taking turns — it passed from one to another %s", lane, times(tr.Switches))
			if tr.Switches > 0 {
				s += fmt.Sprintf(", each time after a turn of %v on average", round(tr.MeanTurn))
			}
		}
		return s + fmt.Sprintf("; on average %.2f %s busy, never two tasks at the same instant.", t.Parallelism(), lane)
	}
	ov := t.Overlap()
	pct := 0.0
	if t.Span > 0 {
		pct = 100 * float64(ov) / float64(t.Span)
	}
	if ov == 0 {
		s += fmt.Sprintf("; with %d %ss, no two were ever busy at the same instant", t.Lanes, lane)
	} else {
		share := fmt.Sprintf("%.0f%%", pct)
		if pct < 1 {
			share = "under 1%"
		}
		s += fmt.Sprintf("; at least two %ss were busy at the same instant for %v of the %v run (%s)",
			lane, round(ov), round(t.Span), share)
	}
	return s + fmt.Sprintf("; on average %.2f of %d %ss busy.", t.Parallelism(), t.Lanes, lane)
}

// round keeps three significant digits or so: 170.46ms, not 170.464384ms.
func round(d time.Duration) time.Duration {
	switch {
	case d >= time.Minute:
		return d.Round(time.Second)
	case d >= time.Second:
		return d.Round(10 * time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(100 * time.Microsecond)
	case d >= time.Microsecond:
		return d.Round(100 * time.Nanosecond)
	}
	return d
}
