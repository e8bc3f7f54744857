#!/usr/bin/env bash
# kernel-install.sh — `make kernel`: registers parlab's Go kernel in the Jupyter you already use (VS Code's Jupyter
# extension, a JupyterLab you run, `jupyter notebook` started by hand), so it finds this checkout's lib/ and the
# pinned GoNB wherever the notebook was opened from.
#
# Where: $JUPYTER_DATA_DIR when it is set, else your Jupyter's user data directory (`jupyter --data-dir` when
# jupyter is on PATH; otherwise ~/.local/share/jupyter on Linux, ~/Library/Jupyter on macOS). The kernel is named
# `parlab` ("Go (parlab, GoNB <version>)"), so a GoNB kernel you installed yourself is left alone. Running it again
# rewrites the same files. `make clean` does not remove it; `jupyter kernelspec remove parlab` does.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
data=${JUPYTER_DATA_DIR:-}
kernel-setup/setup.sh --kernel
if [ -z "$data" ]; then
  if command -v jupyter >/dev/null 2>&1; then
    data=$(jupyter --data-dir)
  elif [ "$(uname)" = Darwin ]; then
    data="$HOME/Library/Jupyter"
  else
    data="${XDG_DATA_HOME:-$HOME/.local/share}/jupyter"
  fi
fi
kernel-setup/register.sh "$data"
cat <<MSG

  Registered the kernel "Go (parlab, GoNB $(awk '$1 == "github.com/janpfeifer/gonb" {print $2; exit}' go.mod))" in
      $data/kernels/parlab
  Open any notebook in $root/notebooks with it. It runs GoNB from $root/build/bin and this
  checkout's lib/, whatever directory your Jupyter started in.
  Auto-complete needs gopls: run 'kernel-setup/setup.sh --extras' once (make lab does it for you).
  To remove it: jupyter kernelspec remove parlab

MSG
