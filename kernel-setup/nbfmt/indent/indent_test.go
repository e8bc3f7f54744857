package indent

import "testing"

func TestSpaces(t *testing.T) {
	cases := []struct {
		name, in, want string
		lines          int
	}{
		{"one level", `    "\tx := 1\n",`, `    "    x := 1\n",`, 1},
		{"two levels", `    "\t\treturn\n"`, `    "        return\n"`, 1},
		{"tab inside a line stays", `    "a\tb\n",`, `    "a\tb\n",`, 0},
		{"indented after spaces stays", `    "  \tx\n",`, `    "  \tx\n",`, 0},
		{"several lines", "    \"\\tif x {\\n\",\n    \"\\t\\ty()\\n\",\n    \"\\t}\"", "    \"    if x {\\n\",\n    \"        y()\\n\",\n    \"    }\"", 3},
		{"no tabs", `    "x\n",`, `    "x\n",`, 0},
	}
	for _, c := range cases {
		got, n := Spaces([]byte(c.in))
		if string(got) != c.want || n != c.lines {
			t.Errorf("%s: Spaces(%q) = %q, %d lines; want %q, %d", c.name, c.in, got, n, c.want, c.lines)
		}
	}
}
