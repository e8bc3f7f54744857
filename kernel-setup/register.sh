#!/usr/bin/env bash
# register.sh DATA_DIR — writes parlab's kernel spec into DATA_DIR/kernels/parlab (a Jupyter data directory):
# kernel.json naming kernel-setup/kernel.sh of this checkout, and GoNB's logo. Used by setup.sh (DATA_DIR =
# build/jupyter, for `make lab` and `make test`) and by `make kernel` (your own Jupyter's data directory).
# Needs build/bin/gonb (setup.sh builds it). Idempotent: it rewrites the same two files.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
data=${1:?usage: register.sh JUPYTER_DATA_DIR}
dir="$data/kernels/parlab"
version=$(awk '$1 == "github.com/janpfeifer/gonb" {print $2; exit}' "$root/go.mod")
mkdir -p "$dir"
json_string() { # a JSON string literal for $1
  local s=${1//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$s"
}
cat > "$dir/kernel.json.tmp" <<JSON
{
 "argv": [$(json_string "$root/kernel-setup/kernel.sh"), "{connection_file}"],
 "display_name": "Go (parlab, GoNB $version)",
 "language": "go",
 "interrupt_mode": "message",
 "env": {},
 "metadata": {"parlab_checkout": $(json_string "$root")}
}
JSON
mv "$dir/kernel.json.tmp" "$dir/kernel.json"
# GoNB's own install writes its logo; take it from a scratch install so Jupyter's launcher shows it.
if [ ! -f "$dir/logo-svg.svg" ] && [ -x "$root/build/bin/gonb" ]; then
  scratch=$(mktemp -d)
  JUPYTER_DATA_DIR="$scratch" "$root/build/bin/gonb" --install --force_deps --logtostderr=false >/dev/null 2>&1 || true
  [ -f "$scratch/kernels/gonb/logo-svg.svg" ] && cp "$scratch/kernels/gonb/logo-svg.svg" "$dir/"
  rm -rf "$scratch"
fi
