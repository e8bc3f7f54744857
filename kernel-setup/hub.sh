#!/usr/bin/env bash
# hub.sh — `make hub`: JupyterHub for a class on this server, after `setup.sh --hub`. Each learner logs in
# with their system account and password, gets their own Jupyter server (as their own user) and their own
# copy of the notebooks, all running this checkout's pinned kernel and lib/. Stop it with Ctrl-C: every
# learner's server stops with it (their files stay).
#
#   kernel-setup/hub.sh [--ip ADDR] [--port N] [--ssl-cert FILE --ssl-key FILE | --no-tls]
#                       [--group GROUP] [--admin USER[,USER…]] [--state DIR]
#   kernel-setup/hub.sh --test --homes DIR [--port N] [--state DIR]     (kernel-setup/hubcheck: loopback only)
#
#   --ip ADDR      where learners connect: 127.0.0.1 (the default) is this machine only; 0.0.0.0 is every
#                  network interface. Anything but loopback needs --ssl-cert and --ssl-key (passwords cross
#                  the network), or --no-tls when a reverse proxy in front of the hub already speaks HTTPS.
#   --port N       the port learners connect to (default 8000).
#   --group GROUP  only members of this Unix group may log in (default: every account with a password).
#   --admin USERS  these accounts get the hub's admin page (start and stop anyone's server).
#   --state DIR    the hub's database and status file (default build/hub/run).
# The same settings can come from PARLAB_HUB_IP, PARLAB_HUB_PORT, PARLAB_HUB_SSL_CERT, PARLAB_HUB_SSL_KEY,
# PARLAB_HUB_GROUP and PARLAB_HUB_ADMINS. What the hub does is in kernel-setup/hub/jupyterhub_config.py.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# shellcheck source=kernel-setup/env.sh
source kernel-setup/env.sh

stop() { printf 'hub: %s\n' "$*" >&2; exit 2; }
mode=class ip=${PARLAB_HUB_IP:-127.0.0.1} port=${PARLAB_HUB_PORT:-8000} no_tls=0
cert=${PARLAB_HUB_SSL_CERT:-} key=${PARLAB_HUB_SSL_KEY:-} group=${PARLAB_HUB_GROUP:-} admins=${PARLAB_HUB_ADMINS:-}
state="$root/build/hub/run" homes=""
while [ $# -gt 0 ]; do
  case "$1" in
    --ip | --port | --ssl-cert | --ssl-key | --group | --admin | --state | --homes)
      [ $# -ge 2 ] || stop "$1 needs a value"
      case "$1" in
        --ip) ip=$2 ;; --port) port=$2 ;; --ssl-cert) cert=$2 ;; --ssl-key) key=$2 ;;
        --group) group=$2 ;; --admin) admins=$2 ;; --state) state=$2 ;; --homes) homes=$2 ;;
      esac
      shift 2 ;;
    --no-tls) no_tls=1; shift ;;
    --test) mode=test; shift ;;
    -h | --help) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) stop "unknown option $1 (see kernel-setup/hub.sh --help)" ;;
  esac
done

# --- the settings, checked ---------------------------------------------------------------------------------------
case "$port" in '' | *[!0-9]*) stop "--port is '$port'; want a port number from 1 to 65535" ;; esac
[ "$port" -ge 1 ] && [ "$port" -le 65535 ] || stop "--port is $port; want a port number from 1 to 65535"
loopback=0
case "$ip" in 127.0.0.1 | ::1 | localhost) loopback=1 ;; esac
if [ -n "$cert$key" ]; then
  [ -n "$cert" ] && [ -n "$key" ] || stop "--ssl-cert and --ssl-key go together (given: cert '${cert}', key '${key}')"
  [ -r "$cert" ] || stop "--ssl-cert $cert: no such readable file"
  [ -r "$key" ] || stop "--ssl-key $key: no such readable file"
fi
if [ "$mode" = test ]; then
  [ "$loopback" -eq 1 ] || stop "test mode lets anyone in (any name, one shared password) and binds 127.0.0.1 only, not $ip"
  [ -n "$homes" ] || stop "test mode needs --homes DIR (where the test learners' home folders go)"
elif [ "$loopback" -eq 0 ] && [ -z "$cert" ] && [ "$no_tls" -eq 0 ]; then
  stop "--ip $ip opens the hub to the network, where learners' passwords would travel in clear text. Give it a certificate (--ssl-cert FILE --ssl-key FILE; see the README, \"Teaching a class\"), or pass --no-tls if a reverse proxy in front of it already serves HTTPS."
fi

# --- what it needs -------------------------------------------------------------------------------------------------
missing() { stop "$1 is missing: run 'make hub' (it installs everything first) or kernel-setup/setup.sh --hub"; }
command -v jupyterhub >/dev/null 2>&1 || missing "JupyterHub (jupyterhub)"
command -v jupyterhub-singleuser >/dev/null 2>&1 || missing "jupyterhub-singleuser"
command -v configurable-http-proxy >/dev/null 2>&1 || missing "configurable-http-proxy"
[ -x build/bin/parlab-hubstatus ] || missing "build/bin/parlab-hubstatus"
[ -f build/jupyter/kernels/parlab/kernel.json ] || missing "the parlab kernel (build/jupyter/kernels/parlab)"
[ -d build/hub/_gomod ] || missing "the learners' module cache (build/hub/_gomod)"
if [ "$mode" = class ]; then
  # Learners' servers run as the learners: they must be able to reach and read the checkout.
  d=$root
  while [ "$d" != / ]; do
    perms=$(stat -c %A "$d" 2>/dev/null || stat -f %Sp "$d")
    [ "${perms:9:1}" = x ] || [ "${perms:9:1}" = t ] ||
      stop "learners run as their own users and cannot enter $d ($perms): put the checkout where every account can read it (e.g. /srv/parlab), or chmod o+x $d"
    d=$(dirname "$d")
  done
  if [ "$(id -u)" -ne 0 ]; then
    echo "hub: warning: not running as root, so only you ($(id -un)) can log in and only your own server can start — a" >&2
    echo "     class needs root (sudo make hub): the hub checks every learner's password with PAM and starts their server as them." >&2
  fi
fi

# --- ports, folders, and off it goes ---------------------------------------------------------------------------------
free_port() { "${PARLAB_PYTHON:-python3}" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
parlab_find_jupyter || true
"${PARLAB_PYTHON:-python3}" -c 'import socket,sys; s=socket.socket(socket.AF_INET6 if ":" in sys.argv[1] else socket.AF_INET); s.bind((sys.argv[1], int(sys.argv[2])))' "$ip" "$port" 2>/dev/null ||
  stop "port $port on $ip is taken (by another hub? Debian's jupyterhub.service uses 8000): pass --port"
mkdir -p "$state/private" "$state/public"
chmod 700 "$state/private"
chmod 755 "$state" "$state/public"
[ -z "$homes" ] || mkdir -p "$homes"

scheme=http
[ -z "$cert" ] || scheme=https
case "$ip" in
  0.0.0.0 | 127.0.0.1 | localhost | '') local_host=127.0.0.1 ;;
  :: | ::1) local_host='[::1]' ;;
  *:*) local_host="[$ip]" ;;
  *) local_host=$ip ;;
esac
export PARLAB_ROOT="$root" PARLAB_HUB_MODE=$mode PARLAB_HUB_IP=$ip PARLAB_HUB_PORT=$port \
  PARLAB_HUB_SSL_CERT=$cert PARLAB_HUB_SSL_KEY=$key PARLAB_HUB_GROUP=$group PARLAB_HUB_ADMINS=$admins \
  PARLAB_HUB_PRIVATE="$state/private" PARLAB_HUB_PUBLIC="$state/public" PARLAB_HUB_HOMES=$homes \
  PARLAB_HUB_HUB_PORT="$(free_port)" PARLAB_HUB_PROXY_API_PORT="$(free_port)" \
  PARLAB_HUB_STATUS_PROXY="$scheme://$local_host:$port"
if [ "$mode" = test ] && [ -z "${PARLAB_HUB_TEST_PASSWORD:-}" ]; then
  PARLAB_HUB_TEST_PASSWORD=$("${PARLAB_PYTHON:-python3}" -c 'import secrets; print(secrets.token_hex(12))')
  export PARLAB_HUB_TEST_PASSWORD
fi

shown=$ip
case "$ip" in 0.0.0.0 | ::) shown=$(hostname -f 2>/dev/null || hostname) ;; *:*) shown="[$ip]" ;; esac
if [ "$mode" = class ]; then
  cat <<MSG

  parlab's class hub is starting at   $scheme://$shown:$port/
  Learners log in there with their account name and password on this machine${group:+ (members of $group only)}.
  Each gets their own server and their own copy of the notebooks in ~/parlab, kept between sessions.
  Stop the hub with Ctrl-C: every learner's server stops with it; their files stay.

MSG
else
  echo "hub: test mode on $scheme://$shown:$port/ — any name logs in with the password $PARLAB_HUB_TEST_PASSWORD; homes in $homes" >&2
fi
cd "$state/private"
exec jupyterhub -f "$root/kernel-setup/hub/jupyterhub_config.py"
