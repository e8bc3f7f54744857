package check

import (
	"strings"
	"testing"
)

func TestResult(t *testing.T) {
	for _, tt := range []struct {
		name    string
		r       Result
		outcome Outcome
		passed  bool
		text    string
	}{
		{"zero", Result{}, NotPassed, false, "not yet: "},
		{"pass", Pass("every value counted."), Passed, true, "passed: every value counted."},
		{"not yet", NotYet("12 updates were lost.", "Use a mutex."), NotPassed, false, "not yet: 12 updates were lost. Hint: Use a mutex."},
		{"too busy", TooBusy("correct; the rounds disagreed."), Undecided, false, "too busy to judge: correct; the rounds disagreed."},
		{"advice added twice", Pass("right.").WithAdvice("1.9× faster.").WithAdvice("On 2 cores."), Passed, true,
			"passed: right. 1.9× faster. On 2 cores."},
		{"detail", NotYet("stuck.", "Unlock.").WithDetail("stacks", "goroutine 7 [chan receive]:\nmain.f()\n"), NotPassed, false,
			"not yet: stuck. Hint: Unlock.\nstacks:\n    goroutine 7 [chan receive]:\n    main.f()"},
		{"untitled detail", Pass("ok.").WithDetail("", "a table"), Passed, true, "passed: ok.\ndetail:\n    a table"},
	} {
		if tt.r.Outcome != tt.outcome || tt.r.Passed() != tt.passed || tt.r.String() != tt.text {
			t.Errorf("%s: got %v, Passed() %v, %q; want %v, %v, %q", tt.name, tt.r.Outcome, tt.r.Passed(), tt.r.String(), tt.outcome, tt.passed, tt.text)
		}
	}
	if got := Outcome(9).String(); got != "not yet" {
		t.Errorf("Outcome(9).String() = %q; want not yet (anything unknown is not a pass)", got)
	}
}

func TestWithDetailKeepsTheRest(t *testing.T) {
	r := NotYet("m", "h").WithAdvice("a").WithDetail("t", "x")
	if r.Message != "m" || r.Hint != "h" || r.Advice != "a" || r.Detail != (Detail{"t", "x"}) || !strings.Contains(r.String(), "Hint: h a") {
		t.Errorf("got %+v; want message m, hint h, advice a, detail t/x", r)
	}
}
