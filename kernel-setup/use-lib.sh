#!/usr/bin/env bash
# use-lib.sh — run by the first code cell of every notebook as
#     !*"$GONB_DIR/../kernel-setup/use-lib.sh"
# GoNB runs `!*` commands in the cell's temporary Go module ($GONB_TMP_DIR). This script makes that module use
# lib/ from this checkout: it requires github.com/parlab/parlab, replaces it with the checkout's directory, and
# copies the checkout's go.sum, so every dependency (GoNB's gonbui, go-echarts, gonum) resolves at the exact version
# pinned in go.mod — nothing is looked up as @latest.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if ! grep -qs '^module github.com/parlab/parlab$' "$here/go.mod"; then
  echo "use-lib.sh: $here is not a parlab checkout (no go.mod for github.com/parlab/parlab)." >&2
  exit 1
fi
if [ ! -f go.mod ]; then
  echo "use-lib.sh: run me from a notebook cell with !* (the cell's Go module); $(pwd) has no go.mod." >&2
  exit 1
fi
rm -f go.work go.work.sum
go mod edit -require=github.com/parlab/parlab@v0.0.0 -replace=github.com/parlab/parlab="$here"
cat "$here/go.sum" >> go.sum
sort -u -o go.sum go.sum
echo "This notebook uses lib/ from $here"
