// Command hubcheck is `make hub-test`: it proves that parlab's class hub (kernel-setup/hub.sh, JupyterHub
// from Debian) gives several learners their own server, copy and kernel on one machine, and that they can
// work at the same time. Run from the repository root after `kernel-setup/setup.sh --hub`:
//
//	go run ./kernel-setup/hubcheck [-learners 3] [-notebook notebooks/00-start-here.ipynb]
//
// It starts the hub in test mode on a free port of 127.0.0.1 (DummyAuthenticator with a random password,
// SimpleLocalProcessSpawner, homes in a temporary folder), then, everything through the hub's proxy and
// REST API as a browser would go:
//  1. creates the learners (POST /hub/api/users), starts their servers at once and gives each their own
//     API token;
//  2. checks that each server shows the notebook as the teacher wrote it, from a file in that learner's
//     home that is not the teacher's;
//  3. starts a parlab kernel for each (POST /api/sessions) and runs every code cell of the notebook in all
//     kernels at the same moment, cell by cell (the Jupyter protocol on each kernel's websocket, as the
//     classic Notebook page speaks it), in quick mode (PARLAB_QUICK=1), each cell bounded by -cell-timeout
//     (then interrupted); then one more cell that prints the environment its program got;
//  4. checks that no output shows an error (as nbcheck does: error outputs, "panic:", "exit status", a
//     chart's error box…); that each kernel ran with its learner's HOME and name and measured into that
//     learner's own cache; that the hub's status file (kernel-setup/hubstatus) saw every learner running
//     code at once and every cell program can read it through PARLAB_HUB_STATUS; and the busy warning
//     (lib/bench's Env.Busy) — required in every learner's run once lib/ reads PARLAB_HUB_STATUS, reported
//     until then;
//  5. has each learner save their notebook (PUT /api/contents) and checks on disk that each copy holds its
//     own learner's run and nobody else's, and that the teacher's notebook did not change;
//  6. checks that a learner's token is refused by another learner's server;
//  7. stops the first learner's server and starts it again: their saved copy must survive (first login
//     copies, later logins never overwrite).
//
// It prints what it measured: the hub's start time, the servers' first start, the notebook's run time with
// all learners at once, the peak memory of each learner's processes (PSS of their server, kernel, compiler
// and cell programs, sampled every 250 ms), the load average and the most learners the hub saw busy at
// once. The hub's log and each learner's saved notebook are kept in build/hubcheck.
//
// # Processes
//
// The hub runs in a process group of its own; every process of the run (hub, proxy, status service,
// learners' servers, kernels and everything below them) carries PARLAB_HUB_TAG=<random> in its
// environment. At the end, on -timeout and on SIGINT/SIGTERM, hubcheck stops the hub as Ctrl-C would (it
// stops every learner's server), then kills whatever still carries the tag and reports it as a failure.
// Linux only (/proc).
//
// Exit status: 0 when every check passed, 1 when one failed (a summary names each), 2 for bad usage or a
// missing setup.
package main
