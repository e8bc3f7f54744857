package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is main without os.Exit and signals: it polls until ctx is done (or once, with -once) and returns
// the exit status.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("parlab-hubstatus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: parlab-hubstatus -out FILE -proxy URL [-interval 1s] [-recent 10s] [-once]\n\n"+
			"Run by JupyterHub as a managed service (JUPYTERHUB_API_URL and JUPYTERHUB_API_TOKEN set): counts the\n"+
			"learners whose kernels are running code and keeps FILE up to date. Flags:\n")
		fs.PrintDefaults()
	}
	out := fs.String("out", "", "the status file to keep up to date (its folder must exist)")
	proxy := fs.String("proxy", "", "the hub's public address as seen from this machine, e.g. http://127.0.0.1:8000")
	interval := fs.Duration("interval", time.Second, "time between polls, 100ms to 1m")
	recent := fs.Duration("recent", 10*time.Second, "recent_busy_learners counts learners busy in this window, one interval to 10m")
	once := fs.Bool("once", false, "poll once, print the status on standard output and exit (no file is written)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	usage := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "parlab-hubstatus: "+format+"\n", a...)
		return 2
	}
	if fs.NArg() > 0 {
		return usage("unexpected argument %q (every setting is a flag; see -help)", fs.Arg(0))
	}
	if *interval < 100*time.Millisecond || *interval > time.Minute {
		return usage("-interval is %v; want 100ms to 1m", *interval)
	}
	if *recent < *interval || *recent > 10*time.Minute {
		return usage("-recent is %v; want one interval (%v) to 10m", *recent, *interval)
	}
	if u, err := url.Parse(*proxy); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return usage("-proxy is %q; want the hub's address as seen from this machine, e.g. http://127.0.0.1:8000", *proxy)
	}
	if !*once {
		if *out == "" {
			return usage("-out is missing: name the status file to keep up to date")
		}
		if fi, err := os.Stat(filepath.Dir(*out)); err != nil || !fi.IsDir() {
			return usage("-out is %q, but its folder %s does not exist", *out, filepath.Dir(*out))
		}
	}
	api, token := getenv("JUPYTERHUB_API_URL"), getenv("JUPYTERHUB_API_TOKEN")
	if api == "" || token == "" {
		return usage("JUPYTERHUB_API_URL and JUPYTERHUB_API_TOKEN are not both set: JupyterHub sets them for the services it runs (see kernel-setup/hub/jupyterhub_config.py)")
	}
	p := newPoller(api, *proxy, token, *recent)
	defer p.client.CloseIdleConnections()

	if *once {
		pctx, cancel := context.WithTimeout(ctx, *interval)
		defer cancel()
		st, err := p.poll(pctx, *interval)
		if err != nil {
			fmt.Fprintln(stderr, "parlab-hubstatus:", err)
			return 1
		}
		fmt.Fprintf(stdout, "%+v\n", st)
		return 0
	}

	tick := time.NewTicker(*interval)
	defer tick.Stop()
	var lastErr string
	for {
		pctx, cancel := context.WithTimeout(ctx, *interval)
		st, err := p.poll(pctx, *interval)
		cancel()
		if err == nil {
			err = write(*out, st)
		}
		switch {
		case ctx.Err() != nil:
			return 0
		case err != nil && err.Error() != lastErr:
			fmt.Fprintln(stderr, "parlab-hubstatus:", err)
			lastErr = err.Error()
		case err == nil && lastErr != "":
			fmt.Fprintln(stderr, "parlab-hubstatus: polling again")
			lastErr = ""
		}
		select {
		case <-ctx.Done():
			return 0
		case <-tick.C:
		}
	}
}
