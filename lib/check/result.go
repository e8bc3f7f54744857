package check

import "strings"

// Outcome is what a self-check decided. The zero value is NotPassed, so a Result nobody filled in
// never reads as a pass.
type Outcome uint8

const (
	// NotPassed: not yet. The Result's Hint says what to change.
	NotPassed Outcome = iota
	// Passed: everything the check looks at was right.
	Passed
	// Undecided: what the check could judge was right, but the rest — the speed, for a check whose
	// point is speed — could not be judged: the machine was too busy, or its measurements disagreed.
	// It is neither a pass nor a failure; running the check again when the machine is quieter decides.
	Undecided
)

// String returns what a learner reads: "passed", "not yet" or "too busy to judge".
func (o Outcome) String() string {
	switch o {
	case Passed:
		return "passed"
	case Undecided:
		return "too busy to judge"
	default:
		return "not yet"
	}
}

// Result is the verdict of a self-check, for a learner to read (nb.Verdict shows it in a notebook).
// Make one with [Pass], [NotYet] or [TooBusy] and add to it with [Result.WithAdvice] and
// [Result.WithDetail]. The zero Result is a NotPassed with nothing to say.
type Result struct {
	// Outcome is the verdict.
	Outcome Outcome
	// Message says what the check saw, in a sentence or a few: what was right, or what went wrong.
	Message string
	// Hint says, when the check did not pass, what to change — a diagnosis of what the code actually
	// did, not a general rule. It is empty on a pass.
	Hint string
	// Advice is optional: something worth knowing beside the verdict, such as the measured speed next
	// to a verdict that is not about speed.
	Advice string
	// Detail is optional and long (a race detector's report, the stacks of goroutines left waiting, a
	// table): shown folded, under its title.
	Detail Detail
}

// Detail is preformatted text shown folded under a title.
type Detail struct {
	Title string // what it is: "where each goroutine was waiting"
	Text  string // shown as it is, in a fixed-width font
}

// Pass returns a passed Result with the message.
func Pass(message string) Result { return Result{Outcome: Passed, Message: message} }

// NotYet returns a Result that did not pass: message says what the check saw, hint what to change.
func NotYet(message, hint string) Result {
	return Result{Outcome: NotPassed, Message: message, Hint: hint}
}

// TooBusy returns an Undecided Result: message says what was right and why the rest could not be
// judged (for instance, how far apart the interleaved timings were).
func TooBusy(message string) Result { return Result{Outcome: Undecided, Message: message} }

// Passed reports whether the check passed.
func (r Result) Passed() bool { return r.Outcome == Passed }

// WithAdvice returns r with advice added after any advice it already has.
func (r Result) WithAdvice(advice string) Result {
	r.Advice = join(r.Advice, advice)
	return r
}

// WithDetail returns r with its Detail set to text under title.
func (r Result) WithDetail(title, text string) Result {
	r.Detail = Detail{Title: title, Text: text}
	return r
}

// String returns the Result as plain text: the outcome, the message, the hint and the advice on one
// line, then the detail's title and its text indented.
func (r Result) String() string {
	line := r.Outcome.String() + ": " + r.Message
	if r.Hint != "" {
		line = join(line, "Hint: "+r.Hint)
	}
	line = join(line, r.Advice)
	if r.Detail.Text == "" {
		return line
	}
	title := r.Detail.Title
	if title == "" {
		title = "detail"
	}
	text := strings.TrimRight(r.Detail.Text, "\n")
	return line + "\n" + title + ":\n    " + strings.ReplaceAll(text, "\n", "\n    ")
}

// join puts two pieces of prose together with a space, skipping an empty one.
func join(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}
