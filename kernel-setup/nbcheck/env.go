package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

const modulePath = "github.com/parlab/parlab"

// findRoot walks up from dir to the directory whose go.mod declares the parlab module.
func findRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		b, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil && bytes.Contains(b, []byte("module "+modulePath+"\n")) {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no parlab checkout (a go.mod for %s) at or above %s: pass -root", modulePath, dir)
		}
	}
}

// kernelDir is where kernel-setup registers the GoNB kernel spec.
func kernelDir(root string) string {
	return filepath.Join(root, "build", "jupyter", "kernels", "parlab")
}

// checkSetup says, in one sentence, what is missing to run notebooks under root.
func checkSetup(root, jupyter string) error {
	if _, err := os.Stat(filepath.Join(kernelDir(root), "kernel.json")); err != nil {
		return fmt.Errorf("the GoNB kernel is not installed in %s: run `make lab` or the kernel-setup install first", kernelDir(root))
	}
	if _, err := exec.LookPath(jupyter); err != nil {
		return fmt.Errorf("jupyter is not installed (looked for %s): run `make lab` first", jupyter)
	}
	return nil
}

// defaultTool returns the first of paths that exists, else name (looked up on PATH when run).
func defaultTool(name string, paths ...string) string {
	for _, p := range paths {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return name
}

// jupyterEnv returns the environment for every Jupyter process: the kernel spec in <root>/build/jupyter,
// GoNB, goimports and gopls from <root>/build/bin, PARLAB_QUICK=1 in quick mode, and the extra variables
// (among them a marker from newMarker).
func jupyterEnv(root string, quick bool, extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "JUPYTER_DATA_DIR", "PATH", "PARLAB_QUICK", "NBCHECK_RUN":
			continue
		}
		env = append(env, kv)
	}
	env = append(env,
		"JUPYTER_DATA_DIR="+filepath.Join(root, "build", "jupyter"),
		"PATH="+filepath.Join(root, "build", "bin")+string(os.PathListSeparator)+os.Getenv("PATH"),
	)
	if quick {
		env = append(env, "PARLAB_QUICK=1")
	}
	return append(env, extra...)
}

// listNotebooks returns the notebooks named on the command line, or every notebooks/*.ipynb under root.
func listNotebooks(root string, args []string) ([]string, error) {
	if len(args) == 0 {
		paths, err := filepath.Glob(filepath.Join(root, "notebooks", "*.ipynb"))
		if err != nil {
			return nil, err
		}
		if len(paths) == 0 {
			return nil, fmt.Errorf("no notebooks in %s", filepath.Join(root, "notebooks"))
		}
		return paths, nil
	}
	var paths []string
	for _, a := range args {
		p, err := filepath.Abs(a)
		if err != nil {
			return nil, err
		}
		if !strings.HasSuffix(p, ".ipynb") {
			return nil, fmt.Errorf("%s is not a notebook (want a .ipynb file)", a)
		}
		if _, err := os.Stat(p); err != nil {
			return nil, errors.New("no such notebook: " + a)
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// notebookName is a notebook's file name without .ipynb: "00-start-here".
func notebookName(path string) string {
	return strings.TrimSuffix(filepath.Base(path), ".ipynb")
}
