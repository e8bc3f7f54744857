package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/coder/websocket"
)

// A kernelConn talks to one kernel of one learner's server, through the hub's proxy, the way the classic
// Notebook page does: the Jupyter messaging protocol as JSON text frames on the kernel's websocket
// (/user/NAME/api/kernels/ID/channels). One request at a time; its methods are not safe for concurrent use.
// A goroutine reads the websocket (a Read whose context ends would close it) from dialKernel until close.
type kernelConn struct {
	ws      *websocket.Conn
	session string        // the client session id every message carries
	msgs    chan message  // what the reader read; closed when it stops, after err is set
	err     error         // why the reader stopped; read only after msgs is closed
	cancel  func()        // stops the reader
	done    chan struct{} // closed when the reader has returned
}

// dialKernel opens the websocket of kernel id behind base (http://127.0.0.1:PORT/user/NAME) with token.
// The caller must call close.
func dialKernel(ctx context.Context, base, token, id string) (*kernelConn, error) {
	session := randomHex(16)
	wsURL := "ws" + strings.TrimPrefix(base, "http") + "/api/kernels/" + id + "/channels?session_id=" + session
	ws, _, err := websocket.Dial(ctx, wsURL, &websocket.DialOptions{
		HTTPHeader: http.Header{"Authorization": {"token " + token}},
	})
	if err != nil {
		return nil, fmt.Errorf("opening the kernel's websocket: %v", err)
	}
	ws.SetReadLimit(256 << 20) // one output can hold ECharts (1 MB) and a chart
	rctx, cancel := context.WithCancel(context.Background())
	k := &kernelConn{ws: ws, session: session, msgs: make(chan message, 64), cancel: cancel, done: make(chan struct{})}
	go k.readLoop(rctx)
	return k, nil
}

// readLoop reads messages until the websocket closes or ctx ends; frames with binary buffers (widgets)
// are skipped.
func (k *kernelConn) readLoop(ctx context.Context) {
	defer close(k.done)
	defer close(k.msgs)
	for {
		typ, b, err := k.ws.Read(ctx)
		if err != nil {
			k.err = err
			return
		}
		if typ != websocket.MessageText {
			continue
		}
		var m message
		if err := json.Unmarshal(b, &m); err != nil {
			k.err = fmt.Errorf("a message from the kernel is not JSON: %v", err)
			return
		}
		select {
		case k.msgs <- m:
		case <-ctx.Done():
			k.err = ctx.Err()
			return
		}
	}
}

// close closes the websocket and waits for the reader to stop.
func (k *kernelConn) close() {
	k.cancel()
	k.ws.Close(websocket.StatusNormalClosure, "")
	<-k.done
}

// errTimeout is what read returns when nothing came before the deadline.
var errTimeout = errors.New("no message from the kernel in time")

// read returns the next message, errTimeout at deadline, or why the websocket closed.
func (k *kernelConn) read(ctx context.Context, deadline time.Time) (message, error) {
	t := time.NewTimer(time.Until(deadline))
	defer t.Stop()
	select {
	case m, ok := <-k.msgs:
		if !ok {
			return message{}, fmt.Errorf("the kernel's websocket closed: %v", k.err)
		}
		return m, nil
	case <-t.C:
		return message{}, errTimeout
	case <-ctx.Done():
		return message{}, ctx.Err()
	}
}

// message is a Jupyter message as the Notebook server relays it on the websocket.
type message struct {
	Header       header          `json:"header"`
	ParentHeader header          `json:"parent_header"`
	Metadata     map[string]any  `json:"metadata"`
	Content      json.RawMessage `json:"content"`
	Channel      string          `json:"channel"`
	Buffers      []any           `json:"buffers"`
}

type header struct {
	MsgID    string `json:"msg_id,omitempty"`
	MsgType  string `json:"msg_type,omitempty"`
	Username string `json:"username,omitempty"`
	Session  string `json:"session,omitempty"`
	Date     string `json:"date,omitempty"`
	Version  string `json:"version,omitempty"`
}

// send writes a request on the shell channel and returns its msg_id.
func (k *kernelConn) send(ctx context.Context, msgType string, content any) (string, error) {
	c, err := json.Marshal(content)
	if err != nil {
		return "", err
	}
	m := message{Header: header{MsgID: randomHex(16), MsgType: msgType, Username: "hubcheck", Session: k.session,
		Date: time.Now().UTC().Format(time.RFC3339Nano), Version: "5.3"},
		Metadata: map[string]any{}, Content: c, Channel: "shell", Buffers: []any{}}
	b, err := json.Marshal(m)
	if err != nil {
		return "", err
	}
	return m.Header.MsgID, k.ws.Write(ctx, websocket.MessageText, b)
}

// errKernelDied is what waitReady returns when the server reports the kernel restarting or dead before
// it ever answered: it could not start (a port another process took between the server choosing it and
// the kernel binding it, for one). The server's restarter starts it again on the same ports, so only a
// new session helps.
var errKernelDied = errors.New("the kernel died before it answered")

// waitReady sends kernel_info_request until the kernel answers (GoNB takes a moment to start), for at
// most until ctx ends.
func (k *kernelConn) waitReady(ctx context.Context) error {
	for {
		id, err := k.send(ctx, "kernel_info_request", map[string]any{})
		if err != nil {
			return err
		}
		deadline := time.Now().Add(5 * time.Second)
		for {
			m, err := k.read(ctx, deadline)
			if errors.Is(err, errTimeout) {
				break // ask again
			}
			if err != nil {
				return fmt.Errorf("waiting for the kernel to answer: %w", err)
			}
			if m.Header.MsgType == "kernel_info_reply" && m.ParentHeader.MsgID == id {
				return nil
			}
			if m.Header.MsgType == "status" {
				var st struct {
					State string `json:"execution_state"`
				}
				if json.Unmarshal(m.Content, &st) == nil && (st.State == "restarting" || st.State == "dead") {
					return fmt.Errorf("%w (the server reported it %s)", errKernelDied, st.State)
				}
			}
		}
	}
}

// A result is what one execute_request produced: its outputs in nbformat 4, as the page would save them.
type result struct {
	Outputs  []map[string]any
	Count    int    // execution_count of the reply
	Status   string // the reply's status: ok, error or aborted
	TimedOut bool   // interrupted after the timeout
}

// execute runs code and collects its outputs until the kernel has replied and gone idle. After timeout it
// interrupts the kernel (interrupt, a function of the caller that calls the REST API) and waits up to 15 s
// more for it to finish.
func (k *kernelConn) execute(ctx context.Context, code string, timeout time.Duration, interrupt func() error) (result, error) {
	var res result
	id, err := k.send(ctx, "execute_request", map[string]any{"code": code, "silent": false, "store_history": true,
		"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true})
	if err != nil {
		return res, err
	}
	deadline := time.Now().Add(timeout)
	var replied, idle, clearNext bool
	displays := map[string][]int{} // display_id → indices into res.Outputs
	for !replied || !idle {
		m, err := k.read(ctx, deadline)
		if err != nil {
			if errors.Is(err, errTimeout) && !res.TimedOut {
				res.TimedOut = true
				if ierr := interrupt(); ierr != nil {
					return res, fmt.Errorf("ran longer than %v, and interrupting it failed: %v", timeout, ierr)
				}
				deadline = time.Now().Add(15 * time.Second)
				continue
			}
			if errors.Is(err, errTimeout) {
				return res, fmt.Errorf("ran longer than %v and did not stop within 15 s of an interrupt", timeout)
			}
			return res, err
		}
		if m.ParentHeader.MsgID != id {
			continue
		}
		var c map[string]any
		if len(m.Content) > 0 {
			if err := json.Unmarshal(m.Content, &c); err != nil {
				return res, fmt.Errorf("%s content: %v", m.Header.MsgType, err)
			}
		}
		out := nbOutput(m.Header.MsgType, c)
		switch m.Header.MsgType {
		case "execute_reply":
			replied = true
			res.Status, _ = c["status"].(string)
			if n, ok := c["execution_count"].(float64); ok {
				res.Count = int(n)
			}
		case "status":
			idle = c["execution_state"] == "idle"
		case "clear_output":
			if w, _ := c["wait"].(bool); w {
				clearNext = true
			} else {
				res.Outputs, displays = nil, map[string][]int{}
			}
		case "update_display_data":
			for _, i := range displays[displayID(c)] {
				res.Outputs[i]["data"], res.Outputs[i]["metadata"] = c["data"], orEmpty(c["metadata"])
			}
		}
		if out != nil {
			if clearNext {
				res.Outputs, displays, clearNext = nil, map[string][]int{}, false
			}
			if d := displayID(c); d != "" {
				displays[d] = append(displays[d], len(res.Outputs))
			}
			res.Outputs = append(res.Outputs, out)
		}
	}
	if res.Count > 0 {
		for _, o := range res.Outputs {
			if o["output_type"] == "execute_result" {
				o["execution_count"] = res.Count
			}
		}
	}
	return res, nil
}

// nbOutput turns an iopub message into an nbformat 4 output, or nil for messages that are not outputs.
func nbOutput(msgType string, c map[string]any) map[string]any {
	switch msgType {
	case "stream":
		return map[string]any{"output_type": "stream", "name": c["name"], "text": c["text"]}
	case "display_data":
		return map[string]any{"output_type": "display_data", "data": orEmpty(c["data"]), "metadata": orEmpty(c["metadata"])}
	case "execute_result":
		return map[string]any{"output_type": "execute_result", "data": orEmpty(c["data"]), "metadata": orEmpty(c["metadata"]),
			"execution_count": c["execution_count"]}
	case "error":
		tb, _ := c["traceback"].([]any)
		if tb == nil {
			tb = []any{}
		}
		return map[string]any{"output_type": "error", "ename": c["ename"], "evalue": c["evalue"], "traceback": tb}
	}
	return nil
}

// displayID returns the transient display_id of a display message, or "".
func displayID(c map[string]any) string {
	t, _ := c["transient"].(map[string]any)
	id, _ := t["display_id"].(string)
	return id
}

func orEmpty(v any) any {
	if v == nil {
		return map[string]any{}
	}
	return v
}
