#!/usr/bin/env bash
# setup.sh — installs what parlab needs and skips what is already there. Used by `make lab` and `make test`.
#
#   kernel-setup/setup.sh            Jupyter, the GoNB kernel (built from go.mod), goimports, gopls, ECharts
#   kernel-setup/setup.sh --browser  the same, plus Chromium for the browser check of `make test`
#
# Everything it builds goes into build/ (git-ignored): build/bin holds gonb, goimports and gopls, and
# build/jupyter is the JUPYTER_DATA_DIR where the `gonb` kernel is registered, so nothing outside the checkout
# changes except system packages (apt) or ~/.local (pip) when Jupyter is missing.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# shellcheck source=kernel-setup/env.sh
source kernel-setup/env.sh

want_browser=0
[ "${1:-}" = "--browser" ] && want_browser=1

say()  { printf 'setup: %s\n' "$*"; }
stop() { printf '\nsetup stopped: %s\n' "$*" >&2; exit 1; }

# --- Go, at least the version go.mod asks for --------------------------------------------------------------
need_go=$(awk '/^go /{print $2; exit}' go.mod)
command -v go >/dev/null 2>&1 || stop "Go is not installed. Install Go $need_go or newer (https://go.dev/dl/) and run this again."
have_go=$(go env GOVERSION | sed 's/^go//')
if [ "$(printf '%s\n%s\n' "$need_go" "$have_go" | sort -V | head -n1)" != "$need_go" ]; then
  stop "Go $have_go is older than the Go $need_go that go.mod needs. Install Go $need_go or newer (https://go.dev/dl/) and run this again."
fi

# --- system packages: apt on Debian/Ubuntu --------------------------------------------------------------------
apt_updated=0
apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ "$apt_updated" -eq 0 ]; then $sudo apt-get update -qq || true; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# --- Jupyter Notebook, nbconvert, nbformat --------------------------------------------------------------------
if ! parlab_find_jupyter; then
  if command -v apt-get >/dev/null 2>&1; then
    say "installing Jupyter Notebook with apt (jupyter-notebook jupyter-nbconvert python3-nbformat)…"
    apt_install jupyter-notebook jupyter-nbconvert python3-nbformat || stop "apt-get could not install Jupyter. Install the packages jupyter-notebook and jupyter-nbconvert, then run this again."
  elif command -v python3 >/dev/null 2>&1 && python3 -m pip --version >/dev/null 2>&1; then
    say "installing Jupyter Notebook with pip (pip install --user notebook nbconvert)…"
    python3 -m pip install --user --quiet notebook nbconvert nbformat || stop "pip could not install Jupyter. Install Jupyter Notebook (pip install --user notebook), then run this again."
  else
    stop "Jupyter Notebook is missing and neither apt-get nor pip is available to install it. Install Jupyter Notebook (https://jupyter.org/install), then run this again."
  fi
  parlab_find_jupyter || stop "Jupyter was installed but no Python here can import notebook, nbconvert and nbformat. Check your Jupyter installation, then run this again."
fi
say "Jupyter: $PARLAB_JUPYTER"

# --- Chromium, for the browser check ---------------------------------------------------------------------------
if [ "$want_browser" -eq 1 ] && ! parlab_find_chromium; then
  if command -v apt-get >/dev/null 2>&1; then
    say "installing Chromium with apt (for the browser check)…"
    apt_install chromium || stop "apt-get could not install Chromium. Install the chromium package, then run this again."
  fi
  parlab_find_chromium || stop "the browser check needs Chromium or Google Chrome. Install one (Debian/Ubuntu: apt install chromium), then run this again."
fi

# --- gonb, goimports, gopls built from the pinned module graphs -----------------------------------------------
stamp_of() { { go env GOVERSION; echo "$root"; cat "$@"; } | sha256sum | cut -d' ' -f1; }
mkdir -p build/bin
tools_stamp=$(stamp_of go.mod go.sum kernel-setup/tools/go.mod kernel-setup/tools/go.sum)
if [ "$(cat build/bin/.stamp 2>/dev/null)" != "$tools_stamp" ] || [ ! -x build/bin/gonb ] || [ ! -x build/bin/gopls ] || [ ! -x build/bin/goimports ]; then
  say "building GoNB (github.com/janpfeifer/gonb, version pinned in go.mod)…"
  go build -o build/bin/gonb github.com/janpfeifer/gonb
  say "building goimports and gopls (pinned in kernel-setup/tools/go.mod; takes a minute or two the first time)…"
  (cd kernel-setup/tools && go build -o ../../build/bin/ golang.org/x/tools/cmd/goimports golang.org/x/tools/gopls)
  rm -f build/jupyter/kernels/gonb/kernel.json
  echo "$tools_stamp" > build/bin/.stamp
fi
say "GoNB kernel, goimports, gopls: $root/build/bin"

# --- register the kernel in build/jupyter ------------------------------------------------------------------------
if [ ! -f build/jupyter/kernels/gonb/kernel.json ]; then
  say "registering the GoNB kernel in build/jupyter…"
  "$root/build/bin/gonb" --install --force_copy --logtostderr=false >/dev/null 2>&1 ||
    stop "GoNB could not register its kernel in $JUPYTER_DATA_DIR. Run '$root/build/bin/gonb --install --force_copy' to see why."
fi

# --- ECharts, pinned and checked ---------------------------------------------------------------------------------
asset=kernel-setup/echarts/echarts.min.js
checksum_ok() { (cd kernel-setup/echarts && sha256sum --check --status SHA256SUMS) 2>/dev/null; }
if ! checksum_ok; then
  command -v npm >/dev/null 2>&1 || stop "ECharts is not downloaded yet and npm is missing. Install Node.js with npm (Debian/Ubuntu: apt install npm), or copy echarts.min.js of echarts@$PARLAB_ECHARTS_VERSION (sha256 in kernel-setup/echarts/SHA256SUMS) to $asset, then run this again."
  say "downloading ECharts $PARLAB_ECHARTS_VERSION from the npm registry…"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "echarts@$PARLAB_ECHARTS_VERSION" >/dev/null 2>&1) || stop "npm could not download echarts@$PARLAB_ECHARTS_VERSION. Check your network or npm configuration, then run this again."
  tar -xzf "$tmp"/echarts-*.tgz -C "$tmp" package/dist/echarts.min.js
  cp "$tmp/package/dist/echarts.min.js" "$asset"
  checksum_ok || { rm -f "$asset"; stop "the downloaded echarts.min.js does not match kernel-setup/echarts/SHA256SUMS; it was deleted. Try again, or report it."; }
fi
say "ECharts $PARLAB_ECHARTS_VERSION: $asset (checksum verified)"
say "ready."
