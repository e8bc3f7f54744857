package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

const testToken = "secret-token"

// fakeHub serves the hub's /hub/api/users (paged, state=ready only) and each learner's
// /user/NAME/api/kernels, as JupyterHub 3.0 and Notebook 6 answer them. kernels maps a learner to the
// execution states of their kernels; a learner in broken answers 500, one in slow never answers in time.
func fakeHub(t *testing.T, kernels map[string][]string, broken, slow map[string]bool) *httptest.Server {
	t.Helper()
	var names []string
	for n := range kernels {
		names = append(names, n)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/hub/api/users", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "token "+testToken {
			http.Error(w, "no token", http.StatusForbidden)
			return
		}
		if r.URL.Query().Get("state") != "ready" {
			http.Error(w, "want state=ready", http.StatusBadRequest)
			return
		}
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		var page []map[string]any
		for i := offset; i < len(names) && i < offset+limit; i++ {
			page = append(page, map[string]any{"name": names[i], "servers": map[string]any{
				"": map[string]any{"ready": true, "url": "/user/" + names[i] + "/"}}})
		}
		if page == nil {
			page = []map[string]any{}
		}
		json.NewEncoder(w).Encode(page)
	})
	mux.HandleFunc("/user/", func(w http.ResponseWriter, r *http.Request) {
		name, rest, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/user/"), "/")
		if rest != "api/kernels" || r.URL.Query().Get("no_track_activity") == "" || r.Header.Get("Authorization") != "token "+testToken {
			http.Error(w, "unexpected request "+r.URL.String(), http.StatusBadRequest)
			return
		}
		switch {
		case broken[name]:
			http.Error(w, "broken", http.StatusInternalServerError)
			return
		case slow[name]:
			<-r.Context().Done()
			return
		}
		var ks []map[string]string
		for i, s := range kernels[name] {
			ks = append(ks, map[string]string{"id": fmt.Sprint(i), "name": "parlab", "execution_state": s})
		}
		if ks == nil {
			ks = []map[string]string{}
		}
		json.NewEncoder(w).Encode(ks)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestPoll(t *testing.T) {
	many := map[string][]string{}
	for i := 0; i < pageSize+3; i++ { // more than one page of learners
		many[fmt.Sprintf("l%03d", i)] = []string{"idle"}
	}
	many["l000"] = []string{"busy", "busy"}
	tests := []struct {
		name         string
		kernels      map[string][]string
		broken, slow map[string]bool
		want         Status // Time and IntervalSeconds not compared
	}{
		{name: "no learners", kernels: map[string][]string{}, want: Status{}},
		{name: "one busy of three", kernels: map[string][]string{"ann": {"busy"}, "bob": {"idle"}, "cy": {}},
			want: Status{Learners: 3, BusyLearners: 1, Kernels: 2, BusyKernels: 1}},
		{name: "two busy kernels, one learner", kernels: map[string][]string{"ann": {"busy", "busy", "idle"}, "bob": {"starting"}},
			want: Status{Learners: 2, BusyLearners: 1, Kernels: 4, BusyKernels: 2}},
		{name: "all busy", kernels: map[string][]string{"ann": {"busy"}, "bob": {"busy"}, "cy": {"busy"}},
			want: Status{Learners: 3, BusyLearners: 3, Kernels: 3, BusyKernels: 3}},
		{name: "a broken and a slow server count as unreachable, not busy",
			kernels: map[string][]string{"ann": {"busy"}, "bob": {"busy"}, "cy": {"busy"}},
			broken:  map[string]bool{"bob": true}, slow: map[string]bool{"cy": true},
			want: Status{Learners: 3, BusyLearners: 1, Kernels: 1, BusyKernels: 1, Unreachable: 2}},
		{name: "paged", kernels: many, want: Status{Learners: pageSize + 3, BusyLearners: 1, Kernels: pageSize + 4, BusyKernels: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fakeHub(t, tt.kernels, tt.broken, tt.slow)
			p := newPoller(srv.URL+"/hub/api/", srv.URL, testToken, 10*time.Second)
			defer p.client.CloseIdleConnections()
			interval := 500 * time.Millisecond
			ctx, cancel := context.WithTimeout(context.Background(), interval)
			defer cancel()
			got, err := p.poll(ctx, interval)
			if err != nil {
				t.Fatalf("poll: %v", err)
			}
			if got.Time.IsZero() || got.IntervalSeconds != 0.5 || got.RecentSeconds != 10 {
				t.Errorf("time %v, interval %v s, recent %v s; want a time, 0.5 s and 10 s", got.Time, got.IntervalSeconds, got.RecentSeconds)
			}
			if got.RecentBusyLearners != got.BusyLearners {
				t.Errorf("first poll: %d recently busy, %d busy now; want them equal", got.RecentBusyLearners, got.BusyLearners)
			}
			got.Time, got.IntervalSeconds, got.RecentBusyLearners, got.RecentSeconds = time.Time{}, 0, 0, 0
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestPollHubDown(t *testing.T) {
	srv := fakeHub(t, map[string][]string{"ann": {"busy"}}, nil, nil)
	p := newPoller(srv.URL+"/hub/api", srv.URL, "wrong-token", 10*time.Second)
	defer p.client.CloseIdleConnections()
	_, err := p.poll(context.Background(), time.Second)
	if err == nil || !strings.Contains(err.Error(), "403") {
		t.Errorf("poll with a token the hub refuses: got error %v, want one naming 403", err)
	}
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "status.json")
	for i := 1; i <= 2; i++ { // the second write replaces the first
		want := Status{Time: time.Date(2026, 11, 27, 14, 0, i, 0, time.UTC), IntervalSeconds: 1, Learners: 3, BusyLearners: i}
		if err := write(path, want); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var got Status
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		if got != want {
			t.Errorf("read back %+v, want %+v", got, want)
		}
		if !bytes.Contains(b, []byte(`"busy_learners":`+strconv.Itoa(i))) {
			t.Errorf("file %s lacks the documented field busy_learners", b)
		}
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644 (every learner reads it)", fi.Mode().Perm())
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".status-*")); len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
	if err := write(filepath.Join(dir, "no-such-dir", "status.json"), Status{}); err == nil {
		t.Error("write into a missing folder: got no error")
	}
}

// TestRecent polls three hubs in turn: learners seen busy stay in recent_busy_learners for the window,
// unless their server stopped; once the window has passed they leave it.
func TestRecent(t *testing.T) {
	first := fakeHub(t, map[string][]string{"ann": {"busy"}, "bob": {"busy"}, "cy": {"busy"}}, nil, nil)
	second := fakeHub(t, map[string][]string{"ann": {"busy"}, "bob": {"idle"}}, nil, nil) // cy logged out
	p := newPoller(first.URL+"/hub/api", first.URL, testToken, 10*time.Second)
	defer p.client.CloseIdleConnections()
	ctx := context.Background()
	if st, err := p.poll(ctx, time.Second); err != nil || st.RecentBusyLearners != 3 {
		t.Fatalf("first poll: %+v, %v; want 3 recently busy", st, err)
	}
	p.api, p.proxy = second.URL+"/hub/api", second.URL
	st, err := p.poll(ctx, time.Second)
	if err != nil || st.BusyLearners != 1 || st.RecentBusyLearners != 2 {
		t.Errorf("second poll: %+v, %v; want 1 busy now, 2 recently (ann, and bob who just went idle; not cy, logged out)", st, err)
	}
	p.lastBusy["bob"] = time.Now().Add(-11 * time.Second) // as if the window had passed
	if st, err := p.poll(ctx, time.Second); err != nil || st.RecentBusyLearners != 1 {
		t.Errorf("after the window: %+v, %v; want 1 recently busy (ann)", st, err)
	}
}
