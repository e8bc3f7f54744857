#!/bin/sh
# kernel.sh — how Jupyter starts parlab's Go kernel: the kernel.json that setup.sh (build/jupyter) and
# `make kernel` (your own Jupyter) write names this script with the connection file as its one argument.
#
# It runs GoNB built from this checkout's go.mod with:
#   - build/bin (goimports, gopls) and the Go that built the kernel on PATH, so the kernel works even when
#     Jupyter was started from a desktop or an editor whose PATH lacks them;
#   - a go.work that uses this checkout (GoNB's -go_work), so every cell can import
#     github.com/parlab/parlab/lib/... at once — the notebooks' first cell is no longer what wires them.
# POSIX sh: it also runs on macOS.
root=$(cd "$(dirname "$0")/.." && pwd)
# make lab starts Jupyter while GoNB is still being built (setup.sh --tools, in the background): wait for it.
# build/bin/.building holds the builder's pid; a pid that is gone means the build ended (or was stopped).
waited=0
while [ -f "$root/build/bin/.building" ] && kill -0 "$(cat "$root/build/bin/.building" 2>/dev/null)" 2>/dev/null; do
  if [ "$waited" -eq 0 ]; then echo "parlab kernel: waiting for GoNB to finish building (make lab is building it)…" >&2; fi
  waited=$((waited + 1))
  if [ "$waited" -gt 3000 ]; then
    echo "parlab kernel: GoNB has been building for 10 minutes; see $root/build/logs/tools.log" >&2
    exit 1
  fi
  sleep 0.2
done
# build/kernel.env records where the Go toolchain was when setup ran (PARLAB_GO_BIN).
[ -f "$root/build/kernel.env" ] && . "$root/build/kernel.env"
PATH="$root/build/bin${PARLAB_GO_BIN:+:$PARLAB_GO_BIN}:$PATH"
export PATH
if [ ! -x "$root/build/bin/gonb" ]; then
  echo "parlab kernel: $root/build/bin/gonb is missing: run 'make lab' or 'make kernel' in $root" >&2
  [ -f "$root/build/logs/tools.log" ] && tail -n 15 "$root/build/logs/tools.log" >&2
  exit 1
fi
exec "$root/build/bin/gonb" --kernel "$1" --go_work="$root" -logtostderr=false -alsologtostderr=false -stderrthreshold=2
