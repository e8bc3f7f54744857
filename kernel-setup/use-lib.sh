#!/usr/bin/env bash
# use-lib.sh — run by the first code cell of every notebook as
#     !*"$GONB_DIR/../kernel-setup/use-lib.sh"
# GoNB runs `!*` commands in the cell's temporary Go module ($GONB_TMP_DIR).
#
# parlab's own kernel (kernel-setup/kernel.sh, registered by `make lab` and `make kernel`) already starts every
# notebook with a go.work that uses this checkout, so there is nothing to do and a learner who skips this cell
# loses nothing. Under another GoNB kernel (one you installed yourself), this script makes the cell's module use
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
if [ -f go.work ] && grep -qF "$here" go.work; then
  echo "This notebook uses lib/ from $here (through the parlab kernel's go.work)"
  exit 0
fi
rm -f go.work go.work.sum
go mod edit -require=github.com/parlab/parlab@v0.0.0 -replace=github.com/parlab/parlab="$here"
# parlab's own direct requirements too, at their pinned versions, so a cell may import go-echarts or gonum itself
# (a module only required through parlab would be "implicitly required" and sent to go get).
for req in $(awk '/^require \($/ {inblock=1; next} inblock && /^\)/ {inblock=0} inblock && !/indirect/ && NF >= 2 {print $1 "@" $2}' "$here/go.mod"); do
  go mod edit -require="$req"
done
cat "$here/go.sum" >> go.sum
sort -u -o go.sum go.sum
echo "This notebook uses lib/ from $here"
