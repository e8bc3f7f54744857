#!/usr/bin/env bash
# lab.sh — starts Jupyter Notebook for the learner (run by `make lab`, after setup.sh): on 127.0.0.1 only,
# with a random token, opening notebooks/00-start-here.ipynb. Stop it with Ctrl-C.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# shellcheck source=kernel-setup/env.sh
source kernel-setup/env.sh
parlab_find_jupyter || { echo "lab: Jupyter is missing: run 'make lab' (it installs it) or kernel-setup/setup.sh." >&2; exit 1; }

port=${PARLAB_PORT:-}
if [ -z "$port" ]; then
  port=$("$PARLAB_PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
fi
token=$("$PARLAB_PYTHON" -c 'import secrets; print(secrets.token_hex(24))')
url="http://127.0.0.1:$port/notebooks/notebooks/00-start-here.ipynb?token=$token"

# gopls (auto-complete) and a warm build cache are not needed to run cells: build them while Jupyter starts.
nohup kernel-setup/setup.sh --extras > build/logs/extras.log 2>&1 &

cat <<MSG

  parlab is starting Jupyter on this machine only (127.0.0.1).
  Open this address in your browser if it does not open by itself:

      $url

  Stop the server with Ctrl-C in this terminal. Auto-complete (gopls) is being built in the
  background (log: build/logs/extras.log); until it lands, cells run without it.

MSG
root_flag=""
[ "$(id -u)" -ne 0 ] || root_flag="--allow-root"   # containers and CI machines often run as root
exec "$PARLAB_JUPYTER" notebook \
  --ip=127.0.0.1 --port="$port" --port-retries=0 \
  --NotebookApp.token="$token" \
  --NotebookApp.open_browser="${PARLAB_OPEN_BROWSER:-True}" \
  --NotebookApp.default_url=/notebooks/notebooks/00-start-here.ipynb \
  --notebook-dir="$root" $root_flag
