// Package says checks, in table tests, the sentences parlab prints for learners: that a text holds every
// phrase it must and none it must not. It is for tests only; it imports testing.
package says

import (
	"strings"
	"testing"
)

// Check reports through t, naming the case name, each phrase of want that text does not contain and each
// phrase of not that it does. It never stops the test: every missing and every unwanted phrase is
// reported.
func Check(t testing.TB, name, text string, want, not []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s: %q\nwant it to contain %q", name, text, w)
		}
	}
	for _, w := range not {
		if strings.Contains(text, w) {
			t.Errorf("%s: %q\nwant it not to contain %q", name, text, w)
		}
	}
}
