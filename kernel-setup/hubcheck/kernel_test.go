package main

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// fakeKernel serves one kernel websocket the way the Notebook server relays a kernel: for every request it
// calls script, which sends iopub and shell messages back with reply. It checks the token and the channel.
func fakeKernel(t *testing.T, script func(req message, reply func(channel, msgType string, content any))) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "token tok" || !strings.HasSuffix(r.URL.Path, "/api/kernels/k1/channels") ||
			r.URL.Query().Get("session_id") == "" {
			http.Error(w, "unexpected "+r.URL.String(), http.StatusForbidden)
			return
		}
		ws, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer ws.CloseNow()
		ctx := r.Context()
		for {
			_, b, err := ws.Read(ctx)
			if err != nil {
				return
			}
			var req message
			if err := json.Unmarshal(b, &req); err != nil || req.Channel != "shell" || req.Header.Session == "" {
				t.Errorf("request %s: not a shell message with a session", b)
				return
			}
			script(req, func(channel, msgType string, content any) {
				c, _ := json.Marshal(content)
				m := message{Header: header{MsgID: randomHex(4), MsgType: msgType}, ParentHeader: req.Header, Content: c, Channel: channel}
				b, _ := json.Marshal(m)
				if err := ws.Write(ctx, websocket.MessageText, b); err != nil {
					t.Errorf("writing %s: %v", msgType, err)
				}
			})
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func dialFake(t *testing.T, srv *httptest.Server) *kernelConn {
	t.Helper()
	k, err := dialKernel(context.Background(), srv.URL+"/user/ann", "tok", "k1")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(k.close)
	return k
}

func TestExecute(t *testing.T) {
	srv := fakeKernel(t, func(req message, reply func(string, string, any)) {
		switch req.Header.MsgType {
		case "kernel_info_request":
			reply("shell", "kernel_info_reply", map[string]any{"status": "ok"})
		case "execute_request":
			reply("iopub", "status", map[string]any{"execution_state": "busy"})
			reply("iopub", "stream", map[string]any{"name": "stdout", "text": "hello\n"})
			reply("iopub", "display_data", map[string]any{"data": map[string]any{"text/html": "<progress>0%</progress>"},
				"transient": map[string]any{"display_id": "bar"}})
			reply("iopub", "update_display_data", map[string]any{"data": map[string]any{"text/html": "<progress>100%</progress>"},
				"transient": map[string]any{"display_id": "bar"}})
			reply("iopub", "execute_result", map[string]any{"data": map[string]any{"text/plain": "42"}, "execution_count": 7})
			reply("shell", "execute_reply", map[string]any{"status": "ok", "execution_count": 7})
			reply("iopub", "status", map[string]any{"execution_state": "idle"})
		}
	})
	k := dialFake(t, srv)
	ctx := context.Background()
	if err := k.waitReady(ctx); err != nil {
		t.Fatal(err)
	}
	r, err := k.execute(ctx, "42", 10*time.Second, func() error { t.Error("interrupted a cell that finished"); return nil })
	if err != nil {
		t.Fatal(err)
	}
	want := []map[string]any{
		{"output_type": "stream", "name": "stdout", "text": "hello\n"},
		{"output_type": "display_data", "data": map[string]any{"text/html": "<progress>100%</progress>"}, "metadata": map[string]any{}},
		{"output_type": "execute_result", "data": map[string]any{"text/plain": "42"}, "metadata": map[string]any{}, "execution_count": 7},
	}
	if r.Status != "ok" || r.Count != 7 || r.TimedOut || !reflect.DeepEqual(r.Outputs, want) {
		t.Errorf("got status %q, count %d, timed out %v, outputs %v;\nwant ok, 7, false, %v", r.Status, r.Count, r.TimedOut, r.Outputs, want)
	}
}

func TestExecuteClearOutput(t *testing.T) {
	srv := fakeKernel(t, func(req message, reply func(string, string, any)) {
		reply("iopub", "stream", map[string]any{"name": "stdout", "text": "old\n"})
		reply("iopub", "clear_output", map[string]any{"wait": true})
		reply("iopub", "stream", map[string]any{"name": "stdout", "text": "new\n"})
		reply("iopub", "error", map[string]any{"ename": "ERROR", "evalue": "boom"})
		reply("shell", "execute_reply", map[string]any{"status": "error", "execution_count": 1})
		reply("iopub", "status", map[string]any{"execution_state": "idle"})
	})
	k := dialFake(t, srv)
	r, err := k.execute(context.Background(), "x", 10*time.Second, func() error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	want := []map[string]any{
		{"output_type": "stream", "name": "stdout", "text": "new\n"},
		{"output_type": "error", "ename": "ERROR", "evalue": "boom", "traceback": []any{}},
	}
	if r.Status != "error" || !reflect.DeepEqual(r.Outputs, want) {
		t.Errorf("got %q %v; want error %v", r.Status, r.Outputs, want)
	}
}

// TestExecuteTimeout: a cell that runs past its timeout is interrupted, and its reply still collected.
func TestExecuteTimeout(t *testing.T) {
	interrupted := make(chan struct{})
	srv := fakeKernel(t, func(req message, reply func(string, string, any)) {
		reply("iopub", "status", map[string]any{"execution_state": "busy"})
		<-interrupted
		reply("iopub", "stream", map[string]any{"name": "stderr", "text": "signal: interrupt\n"})
		reply("shell", "execute_reply", map[string]any{"status": "error"})
		reply("iopub", "status", map[string]any{"execution_state": "idle"})
	})
	k := dialFake(t, srv)
	r, err := k.execute(context.Background(), "for {}", 200*time.Millisecond, func() error { close(interrupted); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if !r.TimedOut || r.Status != "error" || problem(codeCell{}, r) != "signal: interrupt" {
		t.Errorf("got timed out %v, status %q, problem %q; want true, error, signal: interrupt", r.TimedOut, r.Status, problem(codeCell{}, r))
	}
}

func TestDialRefused(t *testing.T) {
	srv := fakeKernel(t, func(message, func(string, string, any)) {})
	if _, err := dialKernel(context.Background(), srv.URL+"/user/ann", "wrong", "k1"); err == nil {
		t.Error("dialing with a wrong token: got no error")
	}
}

// A kernel the server reports restarting before it ever answered is reported as died, at once, so the
// caller can start a new session; one that answers is ready.
func TestWaitReady(t *testing.T) {
	for _, c := range []struct {
		name  string
		state string // the status the fake server sends instead of a reply; "" for a kernel that answers
		died  bool
	}{
		{name: "answers", state: ""},
		{name: "restarting", state: "restarting", died: true},
		{name: "dead", state: "dead", died: true},
		{name: "busy, then nothing", state: "busy"},
	} {
		srv := fakeKernel(t, func(req message, reply func(channel, msgType string, content any)) {
			if c.state == "" {
				reply("shell", "kernel_info_reply", map[string]any{"status": "ok"})
				return
			}
			reply("iopub", "status", map[string]any{"execution_state": c.state})
		})
		k := dialFake(t, srv)
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		err := k.waitReady(ctx)
		cancel()
		k.close()
		switch {
		case c.died && !errors.Is(err, errKernelDied):
			t.Errorf("%s: %v; want errKernelDied", c.name, err)
		case !c.died && c.state == "" && err != nil:
			t.Errorf("%s: %v; want ready", c.name, err)
		case !c.died && c.state != "" && !errors.Is(err, context.DeadlineExceeded):
			t.Errorf("%s: %v; want the context's deadline (still waiting)", c.name, err)
		}
	}
}
