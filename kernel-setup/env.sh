# env.sh — sourced by parlab's scripts (setup.sh, lab.sh, test.sh): where things live and how to find them.
# Run from the repository root.
PARLAB_ROOT=$(pwd)
export PARLAB_ROOT
export JUPYTER_DATA_DIR="$PARLAB_ROOT/build/jupyter"
export PATH="$PARLAB_ROOT/build/bin:$PATH"
PARLAB_ECHARTS_VERSION=5.6.0

# parlab_find_jupyter sets PARLAB_PYTHON and PARLAB_JUPYTER to a Python that has notebook, nbconvert and
# nbformat, and its jupyter command. Debian's /usr/bin/python3 comes first: a python3 earlier on PATH
# (pyenv, conda) may lack them.
parlab_find_jupyter() {
  local py
  for py in /usr/bin/python3 "$(command -v python3 2>/dev/null)"; do
    [ -n "$py" ] && [ -x "$py" ] || continue
    if "$py" -c 'import notebook, nbconvert, nbformat' >/dev/null 2>&1; then
      PARLAB_PYTHON=$py
      PARLAB_JUPYTER="$(dirname "$py")/jupyter"
      [ -x "$PARLAB_JUPYTER" ] || PARLAB_JUPYTER=$(command -v jupyter || echo "$HOME/.local/bin/jupyter")
      export PARLAB_PYTHON PARLAB_JUPYTER
      return 0
    fi
  done
  return 1
}

# parlab_find_chromium sets PARLAB_CHROMIUM to a Chromium or Chrome binary.
parlab_find_chromium() {
  local b
  for b in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$b" >/dev/null 2>&1; then
      PARLAB_CHROMIUM=$(command -v "$b")
      export PARLAB_CHROMIUM
      return 0
    fi
  done
  return 1
}
