package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"syscall"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

// run is main without os.Exit: 0 when every check passed, 1 when one failed, 2 for bad usage or a
// missing setup.
func run(args []string) int {
	fs := flag.NewFlagSet("hubcheck", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: go run ./kernel-setup/hubcheck [flags]\n\n"+
			"Starts the class hub on 127.0.0.1 in test mode, has several learners run a notebook in their own\n"+
			"kernels at the same time, checks what each got, then stops everything (make hub-test). Flags:\n")
		fs.PrintDefaults()
	}
	root := fs.String("root", "", "repository root (default: the parlab checkout containing the working directory)")
	learners := fs.Int("learners", 3, "how many learners, 2 to 10")
	notebook := fs.String("notebook", "notebooks/00-start-here.ipynb", "the notebook every learner runs, relative to the root")
	timeout := fs.Duration("timeout", 8*time.Minute, "limit for the whole check, 1m to 1h; everything is stopped when it is reached")
	cellTimeout := fs.Duration("cell-timeout", 2*time.Minute, "limit for one cell in every learner's kernel, 10s to 30m")
	quick := fs.Bool("quick", true, "run the notebook in quick mode (PARLAB_QUICK=1)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	usage := func(format string, a ...any) int {
		fmt.Fprintf(os.Stderr, "hubcheck: "+format+"\n", a...)
		return 2
	}
	switch {
	case fs.NArg() > 0:
		return usage("unexpected argument %q (every setting is a flag; see -help)", fs.Arg(0))
	case *learners < 2 || *learners > 10:
		return usage("-learners is %d; want 2 to 10 (two or more, to see them share the machine)", *learners)
	case *timeout < time.Minute || *timeout > time.Hour:
		return usage("-timeout is %v; want 1m to 1h", *timeout)
	case *cellTimeout < 10*time.Second || *cellTimeout > 30*time.Minute:
		return usage("-cell-timeout is %v; want 10s to 30m", *cellTimeout)
	case runtime.GOOS != "linux":
		return usage("the class hub runs on Linux (JupyterHub's local spawner, /proc); this is %s", runtime.GOOS)
	}
	if *root == "" {
		wd, _ := os.Getwd()
		r, err := findRoot(wd)
		if err != nil {
			return usage("%v", err)
		}
		*root = r
	}
	nbPath := filepath.Join(*root, filepath.FromSlash(*notebook))
	teacher, err := os.ReadFile(nbPath)
	if err != nil {
		return usage("-notebook %s: %v", *notebook, err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	ctx, stopSignals := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stopSignals()

	dir, err := os.MkdirTemp("", "hubcheck-")
	if err != nil {
		return usage("%v", err)
	}
	out := filepath.Join(*root, "build", "hubcheck")
	c := &check{root: *root, notebook: filepath.ToSlash(*notebook), teacher: teacher, n: *learners,
		cellTimeout: *cellTimeout, quick: *quick, dir: dir, out: out}
	start := time.Now()
	c.run(ctx)
	c.keep()
	if err := os.RemoveAll(dir); err != nil {
		c.fail("removing %s: %v", dir, err)
	}
	if after, err := os.ReadFile(nbPath); err != nil || !bytes.Equal(after, teacher) {
		c.fail("the teacher's %s changed while the learners worked on their copies", c.notebook)
	}
	if errors.Is(ctx.Err(), context.Canceled) { // a signal, not the -timeout
		fmt.Println("hubcheck: interrupted; everything it started is stopped")
		return 1
	}
	return c.summary(time.Since(start))
}
