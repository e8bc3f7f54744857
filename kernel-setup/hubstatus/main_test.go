package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRunUsage(t *testing.T) {
	env := func(k string) string {
		return map[string]string{"JUPYTERHUB_API_URL": "http://127.0.0.1:1/hub/api", "JUPYTERHUB_API_TOKEN": "t"}[k]
	}
	noEnv := func(string) string { return "" }
	dir := t.TempDir()
	out := filepath.Join(dir, "status.json")
	tests := []struct {
		name   string
		args   []string
		getenv func(string) string
		want   string // in the message on standard error
	}{
		{"no out", []string{"-proxy", "http://127.0.0.1:8000"}, env, "-out is missing"},
		{"out in a missing folder", []string{"-out", filepath.Join(dir, "nope", "s.json"), "-proxy", "http://127.0.0.1:8000"}, env, "does not exist"},
		{"no proxy", []string{"-out", out}, env, `-proxy is ""`},
		{"proxy without scheme", []string{"-out", out, "-proxy", "127.0.0.1:8000"}, env, `-proxy is "127.0.0.1:8000"`},
		{"interval too short", []string{"-out", out, "-proxy", "http://127.0.0.1:8000", "-interval", "1ms"}, env, "-interval is 1ms; want 100ms to 1m"},
		{"interval too long", []string{"-out", out, "-proxy", "http://127.0.0.1:8000", "-interval", "2h"}, env, "-interval is 2h0m0s"},
		{"stray argument", []string{"-out", out, "-proxy", "http://127.0.0.1:8000", "extra"}, env, `unexpected argument "extra"`},
		{"no hub environment", []string{"-out", out, "-proxy", "http://127.0.0.1:8000"}, noEnv, "JUPYTERHUB_API_URL and JUPYTERHUB_API_TOKEN"},
		{"unknown flag", []string{"-bogus"}, env, "flag provided but not defined"},
		{"recent shorter than interval", []string{"-out", out, "-proxy", "http://127.0.0.1:8000", "-interval", "2s", "-recent", "1s"}, env, "-recent is 1s; want one interval (2s) to 10m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tt.args, tt.getenv, &stdout, &stderr)
			if code != 2 || !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and a message containing %q", code, stderr.String(), tt.want)
			}
		})
	}
}

// TestRunLoop runs the service against a fake hub until the file shows the learners, then stops it as
// the hub would (cancelling its context) and checks it returns at once.
func TestRunLoop(t *testing.T) {
	srv := fakeHub(t, map[string][]string{"ann": {"busy"}, "bob": {"idle"}}, nil, nil)
	env := func(k string) string {
		return map[string]string{"JUPYTERHUB_API_URL": srv.URL + "/hub/api", "JUPYTERHUB_API_TOKEN": testToken}[k]
	}
	out := filepath.Join(t.TempDir(), "status.json")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	var stderr bytes.Buffer
	go func() {
		done <- run(ctx, []string{"-out", out, "-proxy", srv.URL, "-interval", "100ms"}, env, &bytes.Buffer{}, &stderr)
	}()
	var got Status
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if b, err := os.ReadFile(out); err == nil && json.Unmarshal(b, &got) == nil {
			break
		}
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d after cancel, want 0; stderr %q", code, stderr.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("run did not return within 5 s of its context ending")
	}
	if got.Learners != 2 || got.BusyLearners != 1 {
		t.Errorf("file holds %+v, want 2 learners, 1 busy", got)
	}
}

func TestRunOnce(t *testing.T) {
	srv := fakeHub(t, map[string][]string{"ann": {"busy"}}, nil, nil)
	env := func(k string) string {
		return map[string]string{"JUPYTERHUB_API_URL": srv.URL + "/hub/api", "JUPYTERHUB_API_TOKEN": testToken}[k]
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"-once", "-proxy", srv.URL}, env, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "BusyLearners:1") {
		t.Errorf("stdout %q, want the status with BusyLearners:1", stdout.String())
	}
	env2 := func(k string) string {
		return map[string]string{"JUPYTERHUB_API_URL": srv.URL + "/hub/api", "JUPYTERHUB_API_TOKEN": "wrong"}[k]
	}
	if code := run(context.Background(), []string{"-once", "-proxy", srv.URL}, env2, &stdout, &stderr); code != 1 {
		t.Errorf("-once with a refused token: exit %d, want 1", code)
	}
}
