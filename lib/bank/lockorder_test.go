package bank

import (
	"strings"
	"testing"
	"time"
)

func TestCheckLockOrder(t *testing.T) {
	for _, tt := range []struct {
		name  string
		order func(from, to int) (int, int)
		pass  bool
		want  string
	}{
		{"lower first", func(f, t int) (int, int) { return min(f, t), max(f, t) }, true, "no deadlock"},
		{"higher first", func(f, t int) (int, int) { return max(f, t), min(f, t) }, true, "no deadlock"},
		{"source first", func(f, t int) (int, int) { return f, t }, false, "deadlock"},
		{"destination first", func(f, t int) (int, int) { return t, f }, false, "deadlock"},
		{"same account twice", func(f, t int) (int, int) { return f, f }, false, "must return the transfer's two accounts"},
		{"panics", func(f, t int) (int, int) { panic("oops") }, false, "panicked"},
		{"nil", nil, false, "nil"},
	} {
		start := time.Now()
		pass, msg := checkLockOrder(tt.order, 4, 5000, 300*time.Millisecond)
		if pass != tt.pass || !strings.Contains(msg, tt.want) {
			t.Errorf("%s: got %v, %q; want %v and a message containing %q", tt.name, pass, msg, tt.pass, tt.want)
		}
		if took := time.Since(start); took > 10*time.Second {
			t.Errorf("%s: took %v", tt.name, took)
		}
	}
}

func TestCheckLockOrderDefaults(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 80 000 transfers")
	}
	pass, msg := CheckLockOrder(func(f, t int) (int, int) { return min(f, t), max(f, t) })
	if !pass {
		t.Errorf("CheckLockOrder(lower first) = false, %q; want a pass", msg)
	}
}
