package main

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Status is what the file holds: the counts of one poll.
type Status struct {
	Time            time.Time `json:"time"`
	IntervalSeconds float64   `json:"interval_seconds"`
	Learners        int       `json:"learners"`      // learners whose server is running
	BusyLearners    int       `json:"busy_learners"` // of them, those with a kernel running code
	Kernels         int       `json:"kernels"`
	BusyKernels     int       `json:"busy_kernels"`
	Unreachable     int       `json:"unreachable"` // servers that did not answer in time
	// RecentBusyLearners counts the learners seen running code in any poll of the last RecentSeconds,
	// now included: a sweep that starts between two of another learner's cells still sees them.
	RecentBusyLearners int     `json:"recent_busy_learners"`
	RecentSeconds      float64 `json:"recent_seconds"`
}

// A poller asks the hub for its learners and their servers for their kernels. Its fields are set once,
// before the first poll.
type poller struct {
	api    string // the hub's REST API, JUPYTERHUB_API_URL: http://127.0.0.1:8081/hub/api
	proxy  string // the hub's public address as seen from this machine: http://127.0.0.1:8000
	token  string
	client *http.Client
	recent time.Duration // the window of RecentBusyLearners

	lastBusy map[string]time.Time // learner → when a poll last saw them busy; used by poll's goroutine only
}

// maxInFlight bounds the servers asked at once.
const maxInFlight = 16

// pageSize is how many users one request to the hub's API lists (JupyterHub 3.0 pages at 200 by default).
const pageSize = 200

func newPoller(api, proxy, token string, recent time.Duration) *poller {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	// The proxy is the hub's own address on this machine; with TLS its certificate names the public host.
	tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true}
	tr.MaxIdleConnsPerHost = maxInFlight
	return &poller{api: strings.TrimSuffix(api, "/"), proxy: strings.TrimSuffix(proxy, "/"), token: token,
		client: &http.Client{Transport: tr}, recent: recent, lastBusy: map[string]time.Time{}}
}

// server is the part of the hub's user model the poller reads.
type user struct {
	Name    string `json:"name"`
	Servers map[string]struct {
		Ready bool   `json:"ready"`
		URL   string `json:"url"` // the server's path behind the proxy: /user/NAME/
	} `json:"servers"`
}

type kernel struct {
	ExecutionState string `json:"execution_state"`
}

// poll counts learners and kernels now. It fails only when the hub's API does not answer; a server
// that does not answer counts as unreachable. Calls must not overlap.
func (p *poller) poll(ctx context.Context, interval time.Duration) (Status, error) {
	st := Status{Time: time.Now().UTC(), IntervalSeconds: interval.Seconds(), RecentSeconds: p.recent.Seconds()}
	var servers [][2]string // learner, path
	for offset := 0; ; offset += pageSize {
		var page []user
		q := url.Values{"state": {"ready"}, "offset": {fmt.Sprint(offset)}, "limit": {fmt.Sprint(pageSize)}}
		if err := p.get(ctx, p.api+"/users?"+q.Encode(), &page); err != nil {
			return st, fmt.Errorf("listing the hub's learners: %w", err)
		}
		for _, u := range page {
			for _, s := range u.Servers {
				if s.Ready && s.URL != "" {
					servers = append(servers, [2]string{u.Name, s.URL})
				}
			}
		}
		if len(page) < pageSize {
			break
		}
	}

	type count struct{ kernels, busy int }
	perLearner := map[string]*count{}
	var mu sync.Mutex // guards perLearner and st.Unreachable
	var wg sync.WaitGroup
	sem := make(chan struct{}, maxInFlight)
	for _, s := range servers {
		wg.Add(1)
		sem <- struct{}{}
		go func(name, path string) {
			defer func() { <-sem; wg.Done() }()
			var ks []kernel
			err := p.get(ctx, p.proxy+strings.TrimSuffix(path, "/")+"/api/kernels?no_track_activity=1", &ks)
			mu.Lock()
			defer mu.Unlock()
			c := perLearner[name]
			if c == nil {
				c = &count{}
				perLearner[name] = c
			}
			if err != nil {
				st.Unreachable++
				return
			}
			for _, k := range ks {
				c.kernels++
				if k.ExecutionState == "busy" {
					c.busy++
				}
			}
		}(s[0], s[1])
	}
	wg.Wait()
	for name, c := range perLearner {
		st.Learners++
		st.Kernels += c.kernels
		st.BusyKernels += c.busy
		if c.busy > 0 {
			st.BusyLearners++
			p.lastBusy[name] = st.Time
		}
	}
	for name, t := range p.lastBusy {
		if st.Time.Sub(t) > p.recent {
			delete(p.lastBusy, name)
		} else if _, running := perLearner[name]; running {
			st.RecentBusyLearners++
		}
	}
	return st, nil
}

// get decodes the JSON answer of GET u, sent with the service's token.
func (p *poller) get(ctx context.Context, u string, into any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "token "+p.token)
	resp, err := p.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
		return fmt.Errorf("GET %s: %s", req.URL.Path, resp.Status)
	}
	return json.NewDecoder(io.LimitReader(resp.Body, 16<<20)).Decode(into)
}

// write replaces the file at path with st, atomically and readable by all: a reader sees the old
// file or the new one, never half of one.
func write(path string, st Status) error {
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".status-*.json")
	if err != nil {
		return err
	}
	_, werr := f.Write(append(b, '\n'))
	cerr := f.Close()
	if err := firstErr(werr, cerr, os.Chmod(f.Name(), 0o644)); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
