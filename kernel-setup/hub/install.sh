#!/usr/bin/env bash
# install.sh — the hub's part of `kernel-setup/setup.sh --hub` (used by `make hub` and `make hub-test`), run
# after setup has installed Jupyter, built the kernel and registered it. Skips what is already there.
#
#   - JupyterHub 3.0 and configurable-http-proxy from Debian (apt: jupyterhub, which brings
#     node-configurable-http-proxy), checked to start with whatever node is on PATH;
#   - build/bin/parlab-hubstatus (kernel-setup/hubstatus), the service that counts busy kernels;
#   - build/hub/_gomod: a module cache holding what lib/ needs, copied from this machine's module cache
#     (or the module proxy when it is missing there), readable by every learner — a learner's kernel
#     downloads nothing, and the teacher's own module cache may sit in a home learners cannot read.
#     Its name starts with "_" so that `go ... ./...` in this module skips the sources inside it;
#   - build/hub/gocache-seed: a Go build cache with lib/ and its dependencies compiled, built in the
#     environment learners' kernels have; each learner's server copies it on first start.
# Everything under build/hub is made readable by all (umask 022): learners run as their own users.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
# shellcheck source=kernel-setup/env.sh
source kernel-setup/env.sh
umask 022

say()  { printf 'setup: %s\n' "$*"; }
stop() { printf '\nsetup stopped: %s\n' "$*" >&2; exit 1; }
t0=$SECONDS
took() { say "$1 ($((SECONDS - t0)) s)"; t0=$SECONDS; }

# --- JupyterHub and its proxy ------------------------------------------------------------------------------------
if ! command -v jupyterhub >/dev/null 2>&1 || ! command -v configurable-http-proxy >/dev/null 2>&1; then
  command -v apt-get >/dev/null 2>&1 ||
    stop "the class hub uses JupyterHub 3.0 and configurable-http-proxy from Debian (apt-get install jupyterhub), and this system has no apt-get. Install JupyterHub and configurable-http-proxy yourself (https://jupyterhub.readthedocs.io), so that both are on PATH, then run this again."
  say "installing JupyterHub with apt (jupyterhub, node-configurable-http-proxy)…"
  parlab_apt_install jupyterhub ||
    stop "apt-get could not install JupyterHub. Install the package jupyterhub (sudo apt-get install jupyterhub), then run this again."
  took "JupyterHub installed"
  # Debian's package enables and starts its own jupyterhub.service (as root, port 8000 on every network
  # interface, system logins, started again at every boot). parlab's hub does not use it, and JupyterHub was not
  # here before this step: switch the service off rather than leave it listening.
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1 && systemctl is-enabled jupyterhub >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    if $sudo systemctl disable --now jupyterhub >/dev/null 2>&1; then
      say "Debian's own jupyterhub.service (port 8000, every network interface) came with the package; parlab's hub does not use it: disabled and stopped"
    else
      say "warning: Debian's own jupyterhub.service (port 8000, every network interface, system logins) came with the package and could not be switched off; parlab's hub does not use it: sudo systemctl disable --now jupyterhub"
    fi
  fi
fi
NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}" configurable-http-proxy --version >/dev/null 2>&1 ||
  stop "configurable-http-proxy does not start, even with NODE_PATH=/usr/share/nodejs (run it to see why). Install Debian's node-configurable-http-proxy and nodejs, or the proxy from npm (npm install -g configurable-http-proxy@4.5.3), then run this again."
say "JupyterHub $(jupyterhub --version 2>/dev/null), configurable-http-proxy $(NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}" configurable-http-proxy --version 2>/dev/null)"

# --- the busy-kernel counter ------------------------------------------------------------------------------------------
go build -o build/bin/parlab-hubstatus ./kernel-setup/hubstatus
say "busy-kernel counter: build/bin/parlab-hubstatus"

# --- what learners' kernels compile with ------------------------------------------------------------------------------
# Learners' kernels run with exactly this environment (singleuser.sh): no go env file of the teacher's, modules
# from build/hub/_gomod only, the Go that built the kernel. The seed must be built the same way, or its cache
# keys would not match theirs.
mkdir -p build/hub
learner_go() {
  env GOENV=off GOFLAGS= GOMODCACHE="$root/build/hub/_gomod" GOPROXY=off GOTOOLCHAIN=local "$@"
}
mod_stamp=$(stamp_of go.mod go.sum kernel-setup/hub/install.sh)
if [ "$(cat build/hub/.gomod-stamp 2>/dev/null)" != "$mod_stamp" ]; then
  say "filling build/hub/_gomod with the modules lib/ needs (from $(go env GOMODCACHE), else the module proxy)…"
  proxy="file://$(go env GOMODCACHE)/cache/download,$(go env GOPROXY)"
  # -modcacherw: owner-writable folders, so `make clean` (rm -rf build) can remove it.
  fill() { GOMODCACHE="$root/build/hub/_gomod" GOPROXY="$proxy" GOFLAGS=-modcacherw go list "$@" 2>&1 >/dev/null; }
  # -test: notebook 06 runs `go test -bench` on lib/ from a cell, and `go tool benchstat` (a tool in go.mod).
  if ! out=$(fill -m all && fill -deps -test ./lib/... github.com/janpfeifer/gonb/gonbui golang.org/x/perf/cmd/benchstat); then
    printf '%s\n' "$out" | grep -v '^go: downloading' >&2
    stop "could not fill build/hub/_gomod (above: what go said). Check the network or GOPROXY, then run this again."
  fi
  echo "$mod_stamp" > build/hub/.gomod-stamp
  took "module cache for learners filled"
fi
say "compiling lib/ into build/hub/gocache-seed (a copy of it is each learner's first build cache)…"
GOCACHE="$root/build/hub/gocache-seed" learner_go go build ./lib/... github.com/janpfeifer/gonb/gonbui
chmod -R a+rX build/hub/gocache-seed build/hub/_gomod 2>/dev/null || true
took "build cache seed ready: $(du -sh build/hub/gocache-seed | cut -f1)"
