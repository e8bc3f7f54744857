#!/usr/bin/env bash
# lab.sh — `make lab`: installs what is missing and starts Jupyter Notebook for the learner, on 127.0.0.1 only,
# with a random token, opening notebooks/00-start-here.ipynb. Stop it with Ctrl-C.
#
# To put the first chart on screen sooner, only what Jupyter itself needs is done before the server starts
# (setup.sh --no-tools: Jupyter, the kernel's registration, ECharts). GoNB and goimports are built in the
# background meanwhile (setup.sh --tools; the kernel waits for them), then gopls and a warm build cache for
# lib/ (setup.sh --extras, at low priority so a cell the learner runs meanwhile compiles first), which cells
# run without.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# shellcheck source=kernel-setup/env.sh
source kernel-setup/env.sh
kernel-setup/setup.sh --no-tools
parlab_find_jupyter || { echo "lab: Jupyter is missing: run kernel-setup/setup.sh to install it." >&2; exit 1; }
mkdir -p build/logs build/bin
# The builder records its pid in build/bin/.building before it starts, and removes it when GoNB is ready.
(sh -c 'echo $$ > build/bin/.building; exec kernel-setup/setup.sh --tools' > build/logs/tools.log 2>&1 &&
  nice -n 15 kernel-setup/setup.sh --extras > build/logs/extras.log 2>&1) &

port=${PARLAB_PORT:-}
if [ -z "$port" ]; then
  port=$("$PARLAB_PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
fi
token=$("$PARLAB_PYTHON" -c 'import secrets; print(secrets.token_hex(24))')
url="http://127.0.0.1:$port/notebooks/notebooks/00-start-here.ipynb?token=$token"

cat <<MSG

  parlab is starting Jupyter on this machine only (127.0.0.1).
  Open this address in your browser if it does not open by itself:

      $url

  Stop the server with Ctrl-C in this terminal. The Go kernel is being built in the background
  (build/logs/tools.log; the first cell waits for it), then auto-complete, gopls
  (build/logs/extras.log): until it lands, cells run without it.

MSG
root_flag=""
[ "$(id -u)" -ne 0 ] || root_flag="--allow-root"   # containers and CI machines often run as root
exec "$PARLAB_JUPYTER" notebook \
  --ip=127.0.0.1 --port="$port" --port-retries=0 \
  --NotebookApp.token="$token" \
  --NotebookApp.open_browser="${PARLAB_OPEN_BROWSER:-True}" \
  --NotebookApp.default_url=/notebooks/notebooks/00-start-here.ipynb \
  --notebook-dir="$root" $root_flag
