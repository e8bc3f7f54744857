# jupyterhub_config.py — parlab's JupyterHub (Debian's jupyterhub 3.0), loaded by kernel-setup/hub.sh, which
# sets every PARLAB_HUB_* variable below (`make hub` for a class, `make hub-test` for the loopback test). Read
# the README's "Teaching a class" section first.
#
# What it sets up:
#   - the proxy (configurable-http-proxy) listens on PARLAB_HUB_IP:PARLAB_HUB_PORT, HTTPS when a certificate
#     is given; the hub's own API and the proxy's API stay on 127.0.0.1, on ports hub.sh found free;
#   - each learner gets their own single-user Jupyter Notebook server, started by singleuser.sh as that
#     learner (in test mode: as whoever runs the hub), which copies the course into ~/parlab on first login
#     and never overwrites it afterwards; every learner runs the same pinned kernel and lib/ of this checkout;
#   - a managed service, parlab-hubstatus (kernel-setup/hubstatus), counts every second how many learners'
#     kernels are running code and writes it to PARLAB_HUB_PUBLIC/status.json, whose path every learner's
#     server and kernel get as PARLAB_HUB_STATUS (the hand-off documented in kernel-setup/hubstatus/doc.go).
#
# Modes (PARLAB_HUB_MODE):
#   class (default)  system users log in with their password (PAM); each server runs as its learner, so the
#                    hub must run as root. PARLAB_HUB_GROUP limits logins to one Unix group;
#                    PARLAB_HUB_ADMINS names the admins (comma-separated).
#   test             loopback only: DummyAuthenticator with a random password (PARLAB_HUB_TEST_PASSWORD),
#                    SimpleLocalProcessSpawner with homes under PARLAB_HUB_HOMES, all servers as the hub's
#                    user (--allow-root when that is root), and an admin service whose token is
#                    PARLAB_HUB_API_TOKEN, for kernel-setup/hubcheck. Never for a class: learners are not
#                    isolated from each other.
import os
import secrets
import shutil

import jupyterhub.log

c = get_config()  # noqa: F821 (defined by JupyterHub when it loads this file)

env = os.environ
root = env["PARLAB_ROOT"]
mode = env.get("PARLAB_HUB_MODE", "class")
ip = env.get("PARLAB_HUB_IP", "127.0.0.1")
port = int(env.get("PARLAB_HUB_PORT", "8000"))
private = env["PARLAB_HUB_PRIVATE"]  # the hub's database, cookie secret and pid files (0700)
public = env["PARLAB_HUB_PUBLIC"]  # what every learner may read: status.json (0755)
cert, key = env.get("PARLAB_HUB_SSL_CERT", ""), env.get("PARLAB_HUB_SSL_KEY", "")
if mode not in ("class", "test"):
    raise SystemExit(f"parlab hub: PARLAB_HUB_MODE is {mode!r}; want class or test")
if mode == "test" and ip not in ("127.0.0.1", "::1", "localhost"):
    raise SystemExit(f"parlab hub: test mode lets anyone in and binds loopback only, not {ip}")

# --- where it listens -----------------------------------------------------------------------------------------
scheme = "https" if cert else "http"
c.JupyterHub.bind_url = f"{scheme}://{'[' + ip + ']' if ':' in ip else ip}:{port}/"
if cert:
    c.JupyterHub.ssl_cert = cert
    c.JupyterHub.ssl_key = key
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{env['PARLAB_HUB_HUB_PORT']}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env['PARLAB_HUB_PROXY_API_PORT']}"
# Debian's configurable-http-proxy finds its modules (commander, http-proxy…) in /usr/share/nodejs, where
# Debian's node looks; a node from elsewhere on PATH (NodeSource, nvm) does not, and the proxy dies with
# "Cannot find module 'commander'". NODE_PATH points any node at them.
proxy = shutil.which("configurable-http-proxy") or "configurable-http-proxy"
node_path = ":".join(p for p in ("/usr/share/nodejs", env.get("NODE_PATH", "")) if p)
c.ConfigurableHTTPProxy.command = ["/usr/bin/env", f"NODE_PATH={node_path}", proxy]
c.ConfigurableHTTPProxy.pid_file = os.path.join(private, "proxy.pid")
c.JupyterHub.pid_file = os.path.join(private, "jupyterhub.pid")
c.JupyterHub.db_url = "sqlite:///" + os.path.join(private, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(private, "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every learner's server
c.JupyterHub.cleanup_proxy = True

# --- who logs in, and as whom their server runs -------------------------------------------------------------
if mode == "class":
    c.JupyterHub.authenticator_class = "pam"
    c.JupyterHub.spawner_class = "localprocess"
    if env.get("PARLAB_HUB_GROUP"):
        c.Authenticator.allowed_groups = {env["PARLAB_HUB_GROUP"]}
    admins = {a.strip() for a in env.get("PARLAB_HUB_ADMINS", "").split(",") if a.strip()}
    if admins:
        c.Authenticator.admin_users = admins
else:
    c.JupyterHub.authenticator_class = "dummy"
    c.DummyAuthenticator.password = env.get("PARLAB_HUB_TEST_PASSWORD") or secrets.token_hex(16)
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(env["PARLAB_HUB_HOMES"], "{username}")
    if os.geteuid() == 0:
        c.Spawner.args = ["--allow-root"]  # containers and CI runners run as root; a class never does this

# --- each learner's server ------------------------------------------------------------------------------------
c.Spawner.cmd = [os.path.join(root, "kernel-setup", "hub", "singleuser.sh")]
c.Spawner.ip = "127.0.0.1"
c.Spawner.default_url = "/notebooks/notebooks/00-start-here.ipynb"
c.Spawner.start_timeout = 180  # the first start copies a warm Go build cache (seconds; longer on a busy server)
c.Spawner.http_timeout = 120
learner_env = {
    "PARLAB_HUB_ROOT": root,
    "PARLAB_HUB_STATUS": os.path.join(public, "status.json"),
}
for name in ("PARLAB_QUICK", "PARLAB_HUB_TAG"):  # quick mode for the test; the test's marker for its processes
    if env.get(name):
        learner_env[name] = env[name]
c.Spawner.environment = learner_env

# --- the busy count, and the test's admin token ---------------------------------------------------------------
status_cmd = [
    os.path.join(root, "build", "bin", "parlab-hubstatus"),
    "-out", os.path.join(public, "status.json"),
    "-proxy", env["PARLAB_HUB_STATUS_PROXY"],
]
services = [{"name": "parlab-status", "command": status_cmd,
             "environment": {k: v for k, v in learner_env.items() if k == "PARLAB_HUB_TAG"}}]
roles = [{"name": "parlab-status", "scopes": ["list:users", "read:servers", "access:servers"],
          "services": ["parlab-status"]}]
if mode == "test" and env.get("PARLAB_HUB_API_TOKEN"):
    services.append({"name": "parlab-test", "api_token": env["PARLAB_HUB_API_TOKEN"]})
    roles.append({"name": "admin", "services": ["parlab-test"]})
c.JupyterHub.services = services
c.JupyterHub.load_roles = roles


def log_request(handler):
    """JupyterHub's request log, without parlab-status's listing of learners every second (failures stay)."""
    if handler.get_status() == 200 and handler.request.path.rstrip("/").endswith("/hub/api/users"):
        try:
            who = handler.current_user
        except Exception:  # noqa: BLE001 — logging must never fail a request
            who = None
        if getattr(who, "name", None) == "parlab-status":
            return
    jupyterhub.log.log_request(handler)


c.JupyterHub.tornado_settings = {"log_function": log_request}
