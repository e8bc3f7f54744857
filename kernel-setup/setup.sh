#!/usr/bin/env bash
# setup.sh — installs what parlab needs and skips what is already there. Used by `make lab`, `make test`
# and `make kernel`.
#
#   kernel-setup/setup.sh            Jupyter, the GoNB kernel (built from go.mod), goimports, ECharts
#   kernel-setup/setup.sh --browser  the same, plus Chromium for the browser check of `make test`
#   kernel-setup/setup.sh --kernel   only what the kernel needs (GoNB, goimports, ECharts): for `make kernel`,
#                                    which registers it in a Jupyter you already have
#   kernel-setup/setup.sh --extras   what the kernel can start without and uses once it is there: gopls
#                                    (auto-complete, hover help) and a warm Go build cache for lib/
#   kernel-setup/setup.sh --no-tools everything but building GoNB and goimports, and
#   kernel-setup/setup.sh --tools    only that: `make lab` runs the first, starts Jupyter, and builds the tools
#                                    in the background (kernel.sh waits for them), so the server, the browser
#                                    and the page load while the compiler works
#   kernel-setup/setup.sh --hub      the same as without options, plus a class hub on this server (make hub):
#                                    JupyterHub from apt and what learners' kernels need (kernel-setup/hub/install.sh)
#
# Everything it builds goes into build/ (git-ignored): build/bin holds gonb, goimports and gopls, and
# build/jupyter is the JUPYTER_DATA_DIR where the `parlab` kernel is registered, so nothing outside the
# checkout changes except system packages (apt) when Jupyter is missing, or a virtual environment in
# build/venv where apt is not the way. Each step that takes longer than a second says so, and how long it took.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# shellcheck source=kernel-setup/env.sh
source kernel-setup/env.sh

mode=${1:-lab}
case "$mode" in
  lab | --browser | --kernel | --extras | --tools | --no-tools | --hub) ;;
  *) echo "setup: unknown option $mode (want --browser, --kernel, --extras, --tools, --no-tools or --hub)" >&2; exit 2 ;;
esac

say()  { printf 'setup: %s\n' "$*"; }
stop() { printf '\nsetup stopped: %s\n' "$*" >&2; exit 1; }
t0=$SECONDS
took() { say "$1 ($((SECONDS - t0)) s)"; t0=$SECONDS; }

# --- Go, at least the version go.mod asks for --------------------------------------------------------------
need_go=$(awk '/^go /{print $2; exit}' go.mod)
command -v go >/dev/null 2>&1 || stop "Go is not installed. Install Go $need_go or newer (https://go.dev/dl/) and run this again."
have_go=$(go env GOVERSION | sed 's/^go//')
if [ "$(printf '%s\n%s\n' "$need_go" "$have_go" | sort -t. -k1,1n -k2,2n -k3,3n | head -n1)" != "$need_go" ]; then
  stop "Go $have_go is older than the Go $need_go that go.mod needs. Install Go $need_go or newer (https://go.dev/dl/) and run this again."
fi
mkdir -p build/bin build/logs

# --- extras: gopls and a warm build cache; the kernel runs without them ------------------------------------
if [ "$mode" = "--extras" ]; then
  say "building lib/ so the first cell of a notebook compiles quickly…"
  go build ./lib/... && took "lib/ built"
  gopls_stamp=$(stamp_of kernel-setup/tools/go.mod kernel-setup/tools/go.sum)
  if [ "$(cat build/bin/.gopls-stamp 2>/dev/null)" != "$gopls_stamp" ] || [ ! -x build/bin/gopls ]; then
    say "building gopls (pinned in kernel-setup/tools/go.mod) for auto-complete and hover help…"
    (cd kernel-setup/tools && go build -o ../../build/bin/ golang.org/x/tools/gopls)
    echo "$gopls_stamp" > build/bin/.gopls-stamp
    took "gopls built: kernels started from now on have auto-complete (restart a running kernel to get it)"
  fi
  exit 0
fi

# --- gonb and goimports, built from the pinned module graphs (gopls comes later: --extras) -------------------
# While it builds, build/bin/.building holds this shell's pid: kernel.sh waits for it to go away.
build_tools() {
  local tools_stamp
  tools_stamp=$(stamp_of go.mod go.sum kernel-setup/tools/go.mod kernel-setup/tools/go.sum)
  if [ "$(cat build/bin/.stamp 2>/dev/null)" != "$tools_stamp" ] || [ ! -x build/bin/gonb ] || [ ! -x build/bin/goimports ]; then
    echo $$ > build/bin/.building
    trap 'rm -f build/bin/.building' EXIT
    rm -f build/bin/.stamp
    say "building GoNB (github.com/janpfeifer/gonb, version pinned in go.mod; half a minute or more the first time)…"
    go build -o build/bin/gonb github.com/janpfeifer/gonb
    took "GoNB built"
    say "building goimports (pinned in kernel-setup/tools/go.mod)…"
    (cd kernel-setup/tools && go build -o ../../build/bin/ golang.org/x/tools/cmd/goimports)
    took "goimports built"
    echo "$tools_stamp" > build/bin/.stamp
  fi
  rm -f build/bin/.building
  # Sourced by kernel.sh with /bin/sh: the folder is single-quoted (a quote inside it written as '\'').
  gobin=$(dirname "$(command -v go)")
  printf "PARLAB_GO_BIN='%s'\n" "$(printf '%s' "$gobin" | sed "s/'/'\\\\''/g")" > build/kernel.env
  say "GoNB kernel and goimports: $root/build/bin"
}
if [ "$mode" = "--tools" ]; then
  build_tools
  exit 0
fi

# --- Jupyter Notebook, nbconvert, nbformat --------------------------------------------------------------------
if [ "$mode" != "--kernel" ] && ! { parlab_find_jupyter && "$PARLAB_JUPYTER" kernelspec --version >/dev/null 2>&1; }; then
  if command -v apt-get >/dev/null 2>&1; then
    say "installing Jupyter Notebook with apt (jupyter-notebook jupyter-nbconvert jupyter-client python3-nbformat)…"
    parlab_apt_install jupyter-notebook jupyter-nbconvert jupyter-client python3-nbformat ||
      stop "apt-get could not install Jupyter. Install the packages jupyter-notebook, jupyter-nbconvert and jupyter-client (sudo apt-get install jupyter-notebook jupyter-nbconvert jupyter-client), then run this again."
  else
    py=$(command -v python3 || true)
    [ -n "$py" ] || stop "Jupyter Notebook is missing, and there is no python3 to install it with. Install Python 3 (macOS: brew install python; elsewhere your system's package), then run this again."
    say "installing Jupyter Notebook into a virtual environment, build/venv (python3 -m venv; pip install notebook nbconvert nbformat)…"
    "$py" -m venv build/venv ||
      stop "python3 -m venv build/venv failed: install Python's venv module (Debian/Ubuntu: apt install python3-venv), then run this again."
    build/venv/bin/python -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
    build/venv/bin/python -m pip install --quiet 'notebook<7' nbconvert nbformat jupyter_client ||
      stop "pip could not install Jupyter into build/venv (is PyPI reachable from here?). Install Jupyter Notebook yourself (https://jupyter.org/install) so that python3 can import notebook, nbconvert and nbformat, then run this again."
  fi
  parlab_find_jupyter || stop "Jupyter was installed but no Python here can import notebook, nbconvert and nbformat. Check your Jupyter installation, then run this again."
  took "Jupyter installed"
fi
[ "$mode" = "--kernel" ] || say "Jupyter: $PARLAB_JUPYTER"

# --- a C compiler, for go test -race (the race detector needs cgo) ------------------------------------------
if [ "$mode" = "--browser" ] && ! command -v "$(go env CC)" >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    say "installing gcc with apt (go test -race needs a C compiler)…"
    parlab_apt_install gcc || stop "apt-get could not install gcc. Install it (sudo apt-get install gcc), then run this again."
    took "gcc installed"
  fi
  command -v "$(go env CC)" >/dev/null 2>&1 || stop "make test runs go test -race, which needs a C compiler ($(go env CC)) and there is none. Install gcc or clang (macOS: xcode-select --install), then run this again."
fi

# --- Chromium, for the browser check ---------------------------------------------------------------------------
if [ "$mode" = "--browser" ] && ! parlab_find_chromium; then
  if command -v apt-get >/dev/null 2>&1; then
    say "installing Chromium with apt (for the browser check)…"
    parlab_apt_install chromium || stop "apt-get could not install Chromium. Install the chromium package, then run this again."
    took "Chromium installed"
  fi
  parlab_find_chromium || stop "the browser check needs Chromium or Google Chrome. Install one (Debian/Ubuntu: apt install chromium), then run this again."
fi

# --- the kernel's tools ------------------------------------------------------------------------------------------
[ "$mode" = "--no-tools" ] || build_tools

# --- register the kernel in build/jupyter (make kernel registers it in your own Jupyter) -------------------------
if [ "$mode" != "--kernel" ]; then
  kernel-setup/register.sh "$root/build/jupyter"
  say "kernel 'parlab' registered in build/jupyter"
fi

# --- ECharts, pinned and checked ---------------------------------------------------------------------------------
asset=kernel-setup/echarts/echarts.min.js
checksum_ok() { [ -f "$asset" ] && [ "$(parlab_sha256 < "$asset")" = "$(awk '{print $1; exit}' kernel-setup/echarts/SHA256SUMS)" ]; }
if ! checksum_ok; then
  say "downloading ECharts $PARLAB_ECHARTS_VERSION from the npm registry…"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  # npm when it is there (it honours the user's npm configuration: a registry mirror, a proxy); else the same
  # tarball straight from the registry with curl, wget or Python, so a fresh machine needs no Node.js.
  tgz="https://registry.npmjs.org/echarts/-/echarts-$PARLAB_ECHARTS_VERSION.tgz"
  fetched=0
  if command -v npm >/dev/null 2>&1; then
    (cd "$tmp" && npm pack --silent "echarts@$PARLAB_ECHARTS_VERSION" >/dev/null 2>&1) && fetched=1
  fi
  if [ "$fetched" -eq 0 ]; then
    out="$tmp/echarts-$PARLAB_ECHARTS_VERSION.tgz"
    if command -v curl >/dev/null 2>&1; then curl -fsSL --max-time 300 -o "$out" "$tgz" && fetched=1
    elif command -v wget >/dev/null 2>&1; then wget -q --timeout=300 -O "$out" "$tgz" && fetched=1
    elif command -v python3 >/dev/null 2>&1; then
      python3 -c 'import sys, urllib.request; open(sys.argv[2], "wb").write(urllib.request.urlopen(sys.argv[1], timeout=300).read())' "$tgz" "$out" && fetched=1
    fi
  fi
  [ "$fetched" -eq 1 ] || stop "could not download echarts@$PARLAB_ECHARTS_VERSION ($tgz) with npm, curl, wget or Python. Check your network, or copy echarts.min.js of that version (sha256 in kernel-setup/echarts/SHA256SUMS) to $asset, then run this again."
  tar -xzf "$tmp"/echarts-*.tgz -C "$tmp" package/dist/echarts.min.js
  cp "$tmp/package/dist/echarts.min.js" "$asset"
  checksum_ok || { rm -f "$asset"; stop "the downloaded echarts.min.js does not match kernel-setup/echarts/SHA256SUMS; it was deleted. Try again, or report it."; }
  took "ECharts downloaded"
fi
say "ECharts $PARLAB_ECHARTS_VERSION: $asset (checksum verified)"
[ "$mode" != "--hub" ] || kernel-setup/hub/install.sh
say "ready."
