#!/bin/sh
# singleuser.sh — how the parlab hub starts one learner's Jupyter server (c.Spawner.cmd in
# jupyterhub_config.py; its arguments are the hub's, passed on to jupyterhub-singleuser). It runs as the
# learner — JupyterHub's spawner has already switched to their user and set HOME — so everything it
# writes is the learner's own, and it never writes into the teacher's checkout.
#
#   1. The course, in ~/parlab: notebooks/*.ipynb and data/ are copied from the checkout when missing.
#      A file that is already there is never overwritten, so a learner's edits survive every restart
#      and a notebook the teacher adds later arrives at the next start. To get a notebook back as the
#      teacher wrote it, a learner deletes (or renames) their copy and restarts their server
#      (File → … Control Panel → Stop My Server, then Start).
#   2. lib/ stays in the checkout, read-only: ~/parlab/go.mod links to the checkout's go.mod (lib/nb finds
#      the data/ folder beside it), and ~/parlab/kernel-setup/use-lib.sh hands the notebooks' first cell to
#      the checkout's own script. The kernel (kernel.sh) compiles every cell against the checkout's lib/.
#   3. Go: modules come from build/hub/_gomod (filled by setup.sh --hub; nothing is downloaded), and the
#      learner's own build cache (~/.cache/go-build) starts as a copy of build/hub/gocache-seed, where lib/
#      and its dependencies are compiled already: the first cell takes a second, not a minute.
# Messages go to the hub's log.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
say() { printf 'parlab hub (%s): %s\n' "${USER:-$(id -un)}" "$*" >&2; }
: "${HOME:?the hub set no HOME for this learner}"
umask 077 # a learner's copies are theirs alone
dir="$HOME/parlab"

# --- 1. the course ---------------------------------------------------------------------------------------------
mkdir -p "$dir/notebooks" "$dir/kernel-setup"
copied=0
# copy_missing SRC_DIR DST_DIR copies the regular files below SRC_DIR that DST_DIR lacks.
copy_missing() {
  (cd "$1" && find . -type f ! -name '.*' -print) | while IFS= read -r f; do
    if [ ! -e "$2/$f" ] && [ ! -L "$2/$f" ]; then
      mkdir -p "$(dirname "$2/$f")"
      cp "$1/$f" "$2/$f"
      echo "$f"
    fi
  done
}
for nb in "$root"/notebooks/*.ipynb; do
  name=$(basename "$nb")
  if [ ! -e "$dir/notebooks/$name" ] && [ ! -L "$dir/notebooks/$name" ]; then
    cp "$nb" "$dir/notebooks/$name"
    copied=$((copied + 1))
  fi
done
data=$(copy_missing "$root/data" "$dir/data" | wc -l | tr -d ' ')
[ "$copied" -eq 0 ] && [ "$data" -eq 0 ] || say "copied $copied notebook(s) and $data data file(s) into $dir"

# --- 2. the links to the checkout (rewritten at every start: they are plumbing, not the learner's work) ---------
ln -sfn "$root/go.mod" "$dir/go.mod"
wrapper="$dir/kernel-setup/use-lib.sh"
if [ ! -e "$wrapper" ] || head -n 2 "$wrapper" | grep -q '^# parlab hub:'; then
  cat > "$wrapper.tmp" <<EOF
#!/bin/sh
# parlab hub: this learner's notebooks use lib/ from the teacher's checkout, $root.
exec '$root/kernel-setup/use-lib.sh' "\$@"
EOF
  chmod 700 "$wrapper.tmp"
  mv "$wrapper.tmp" "$wrapper"
fi

# --- 3. Go -------------------------------------------------------------------------------------------------------
export GOMODCACHE="$root/build/hub/_gomod" GOPROXY=off GOTOOLCHAIN=local
cache=${GOCACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/go-build}
seed="$root/build/hub/gocache-seed"
if [ ! -d "$cache" ] && [ -d "$seed" ]; then
  mkdir -p "$(dirname "$cache")"
  rm -rf "$cache.tmp.$$"
  if cp -R "$seed" "$cache.tmp.$$" && mv "$cache.tmp.$$" "$cache"; then
    say "Go build cache seeded from $seed"
  else
    rm -rf "$cache.tmp.$$"
    say "could not copy $seed: the first cell compiles lib/ from scratch (about a minute)"
  fi
fi

# --- the server ---------------------------------------------------------------------------------------------------
export JUPYTER_PATH="$root/build/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}" # the parlab kernel spec
# Like a plain Notebook 6, log only the requests that failed (the hub's status service asks every second).
export JUPYTER_CONFIG_PATH="$root/kernel-setup/hub/jupyter-config${JUPYTER_CONFIG_PATH:+:$JUPYTER_CONFIG_PATH}"
cd "$dir"
exec jupyterhub-singleuser --notebook-dir="$dir" "$@"
