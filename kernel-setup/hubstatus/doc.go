// Command parlab-hubstatus tells a parlab class hub's learners how many of them are running code right now.
// On a shared server one learner's sweep slows another's, and a kernel sees only the machine's load
// average, which trails by a minute; the hub knows every learner. This service turns that into a small
// JSON file every learner can read — the hand-off between the hub and lib/ in each learner's kernel.
//
// JupyterHub runs it as a managed service (kernel-setup/hub/jupyterhub_config.py), with JUPYTERHUB_API_URL
// and an API token (JUPYTERHUB_API_TOKEN) whose role grants list:users, read:servers and access:servers:
//
//	parlab-hubstatus -out DIR/status.json -proxy http://127.0.0.1:8000 [-interval 1s]
//
// Every interval it lists the learners whose server is ready (GET /users?state=ready on the hub's API),
// asks each server, through the hub's proxy at -proxy, for its kernels (GET /user/NAME/api/kernels with
// no_track_activity, so the polling never counts as the learner being active), and replaces -out
// atomically (a temporary file renamed over it, mode 0644) with:
//
//	{"time":"2026-11-27T14:31:25Z","interval_seconds":1,"learners":3,"busy_learners":2,"kernels":4,
//	 "busy_kernels":2,"unreachable":0,"recent_busy_learners":3,"recent_seconds":10}
//
// learners counts learners whose server is running; busy_learners those with at least one kernel whose
// execution_state is "busy" (running a cell, which includes compiling it); kernels and busy_kernels count
// kernels; unreachable counts servers that did not answer within the interval (they count as not busy);
// recent_busy_learners counts the running learners that any poll of the last recent_seconds (-recent,
// default 10 s) saw busy — a sweep that starts between two of another learner's cells, or within a poll
// interval of their starting one, still counts them. The file names nobody: every learner can read it.
// With TLS (-proxy https://…) the proxy's certificate is not verified: the service only ever connects to
// the hub's own address on this machine.
//
// # The hand-off to lib/
//
// Every learner's server, its kernels and the programs their cells run get PARLAB_HUB_STATUS, the path of
// the file. A reader (lib/bench, when it captures the environment of a sweep) should
//   - ignore the file when it is missing, unreadable, or its "time" is more than 10 s old (the hub or this
//     service stopped);
//   - take the larger of busy_learners and recent_busy_learners, minus one, as the number of other learners
//     running code: the reader's own kernel is busy while it measures, so it counts itself;
//   - warn that the machine is shared and busy when that number is at least 1, even while the load average
//     is still low.
//
// Without the variable (no hub), nothing changes.
//
// # Processes and limits
//
// One goroutine polls; the servers of one poll are asked concurrently, at most 16 at a time, each request
// bounded by the interval (100 ms to 1 min, default 1 s). SIGTERM or SIGINT (the hub stopping its
// services) ends it within one interval; the file stays, and its time shows it is stale. When the hub's
// API does not answer, the file is left alone (it goes stale) and the error is logged once until it
// answers again.
//
// Exit status: 0 after a signal (or after one poll with -once), 1 when -once could not poll, 2 for bad
// usage or a missing JUPYTERHUB_API_URL or JUPYTERHUB_API_TOKEN.
package main
