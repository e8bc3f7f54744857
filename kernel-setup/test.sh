#!/usr/bin/env bash
# test.sh — everything `make test` checks, in order, stopping at the first failure:
#   1. setup (as for `make lab`, plus Chromium)      4. go test -race ./...
#   2. gofmt                                          5. every notebook executed headless through the GoNB kernel
#   3. go vet ./...                                   6. the browser check (real Jupyter server, headless Chromium)
#   7. the class hub (make hub-test): three learners run notebook 00 at once on a loopback JupyterHub;
#      skipped, saying so, where JupyterHub is neither installed nor installable with apt-get
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
start=$(date +%s)
step() { printf '\n=== %s (%ds)\n' "$*" "$(( $(date +%s) - start ))"; }

step "setup"
kernel-setup/setup.sh --browser
# shellcheck source=kernel-setup/env.sh
source kernel-setup/env.sh
parlab_find_jupyter
parlab_find_chromium

step "gofmt"
unformatted=$(gofmt -l $(git ls-files --cached --others --exclude-standard '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt: these files are not formatted (run gofmt -w on them):"; echo "$unformatted"; exit 1
fi
echo "all Go files formatted"

step "go vet"
go vet ./...

step "go test -race"
go test -race -count=1 -timeout 20m ./...

step "notebooks: headless execution and browser check"
export PARLAB_QUICK=1
# A cache of its own, emptied first: every experiment in the notebooks really runs.
export PARLAB_CACHE="$root/build/cache"
rm -rf "$PARLAB_CACHE"
go run ./kernel-setup/nbcheck -root "$root" -quick -python "$PARLAB_PYTHON" -chromium "$PARLAB_CHROMIUM" \
  ${PARLAB_JUPYTER:+-jupyter "$PARLAB_JUPYTER"} notebooks/*.ipynb

step "class hub: three learners at once (make hub-test)"
if command -v jupyterhub >/dev/null 2>&1 || command -v apt-get >/dev/null 2>&1; then
  unset PARLAB_QUICK PARLAB_CACHE # hubcheck gives the learners quick mode and caches of their own
  kernel-setup/hub/install.sh
  go run ./kernel-setup/hubcheck
else
  echo "skipped: the class hub uses JupyterHub from Debian packages (apt-get), and this system has neither apt-get nor jupyterhub"
fi

step "done: make test passed"
