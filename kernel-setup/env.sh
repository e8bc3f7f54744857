# env.sh — sourced by parlab's scripts (setup.sh, lab.sh, test.sh): where things live and how to find them.
# Run from the repository root.
PARLAB_ROOT=$(pwd)
export PARLAB_ROOT
export JUPYTER_DATA_DIR="$PARLAB_ROOT/build/jupyter"
export PATH="$PARLAB_ROOT/build/bin:$PATH"
PARLAB_ECHARTS_VERSION=5.6.0

# parlab_find_jupyter sets PARLAB_PYTHON and PARLAB_JUPYTER to a Python that has notebook, nbconvert and
# nbformat, and its jupyter command. Debian's /usr/bin/python3 comes first: a python3 earlier on PATH
# (pyenv, conda) may lack them. build/venv is where setup.sh installs Jupyter when apt is not the way.
parlab_find_jupyter() {
  local py
  for py in /usr/bin/python3 "$PARLAB_ROOT/build/venv/bin/python" "$(command -v python3 2>/dev/null)"; do
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

# parlab_sha256 prints the SHA-256 of standard input in hex: sha256sum (Linux), shasum (macOS) or openssl.
parlab_sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then shasum -a 256 | cut -d' ' -f1
  else openssl dgst -sha256 | awk '{print $NF}'
  fi
}

# stamp_of FILE… prints a hash of the Go version, the checkout's path and the files: when it changes, what was
# built from them must be built again.
stamp_of() { { go env GOVERSION; echo "$PARLAB_ROOT"; cat "$@"; } | parlab_sha256; }

# parlab_apt_install PACKAGE… installs Debian/Ubuntu packages (with sudo unless root), quietly.
parlab_apt_updated=0
parlab_apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ "$parlab_apt_updated" -eq 0 ]; then $sudo apt-get update -qq || true; parlab_apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}
