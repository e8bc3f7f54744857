package main

import (
	"bytes"
	"regexp"
	"strings"
)

// Reading the logs of nbconvert (nbclient at DEBUG level, with GoNB's own klog lines mixed in).

// runningCell returns the index of the cell nbclient started last, from its DEBUG log, or -1.
func runningCell(log []byte, nb notebook) int {
	const mark = "[NbConvertApp] Executing cell:\n"
	i := bytes.LastIndex(log, []byte(mark))
	if i < 0 {
		return -1
	}
	var src []string
	for _, line := range strings.Split(string(log[i+len(mark):]), "\n") {
		if klogLine(line) || strings.HasPrefix(line, "[NbConvertApp]") {
			break
		}
		src = append(src, line)
	}
	want := strings.TrimSpace(strings.Join(src, "\n"))
	for j, c := range nb.Cells {
		if c.Type == "code" && strings.TrimSpace(string(c.Source)) == want {
			return j
		}
	}
	return -1
}

// lastException returns the last line of a Python traceback in log ("nbclient.exceptions.DeadKernelError:
// Kernel died"), or "" if there is none.
func lastException(log []byte) string {
	lines := strings.Split(strings.TrimSpace(string(log)), "\n")
	for i := len(lines) - 1; i >= 0 && i >= len(lines)-200; i-- {
		if exceptionRE.MatchString(lines[i]) {
			return shorten(lines[i], 300)
		}
	}
	return ""
}

var exceptionRE = regexp.MustCompile(`^[A-Za-z_][\w.]*(Error|Exception|Interrupt)\b(: .*)?$`)

// logTail returns the last n meaningful lines of a Jupyter log: GoNB's own log lines and Go stack frames
// are left out.
func logTail(log []byte, n int) string {
	var keep []string
	for _, line := range strings.Split(string(log), "\n") {
		t := strings.TrimSpace(line)
		if t == "" || klogLine(line) || strings.HasPrefix(line, "\t") || strings.HasPrefix(line, "  ") ||
			strings.HasPrefix(t, "Traceback (") || strings.HasPrefix(t, "goroutine ") ||
			strings.HasPrefix(t, "github.com/") || strings.HasPrefix(t, "main.") {
			continue
		}
		keep = append(keep, "    "+line)
	}
	if len(keep) > n {
		keep = keep[len(keep)-n:]
	}
	return strings.Join(keep, "\n")
}

// klogLine reports whether line is a glog/klog line such as "I1122 00:02:16.985554 14859 main.go:187] …".
func klogLine(line string) bool {
	if len(line) < 6 || !strings.ContainsRune("IWEF", rune(line[0])) {
		return false
	}
	for _, c := range line[1:5] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return line[5] == ' '
}
