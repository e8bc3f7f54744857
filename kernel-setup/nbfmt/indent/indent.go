// Package indent replaces the tabs that indent notebook cell lines with four spaces each. It works on the
// notebook's JSON as text: in nbformat every line of a cell's source is its own JSON string on its own
// line of the file, so a leading tab is the escape \t right after the string's opening quote.
package indent

import (
	"bytes"
	"regexp"
)

// Width is the number of spaces that replace one leading tab.
const Width = 4

var leadingTabs = regexp.MustCompile(`(?m)^(\s*")((?:\\t)+)`)

// Spaces returns the notebook with every leading tab of every cell line replaced by Width spaces, and how
// many lines changed. Tabs after the first non-tab character of a line are left as they are.
func Spaces(notebook []byte) ([]byte, int) {
	n := 0
	out := leadingTabs.ReplaceAllFunc(notebook, func(m []byte) []byte {
		n++
		sub := leadingTabs.FindSubmatch(m)
		tabs := len(sub[2]) / 2
		return append(append([]byte{}, sub[1]...), bytes.Repeat([]byte(" "), Width*tabs)...)
	})
	return out, n
}
