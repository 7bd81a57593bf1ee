#!/usr/bin/env bash
# sluice-daemon.sh start|stop-all jobmanager|taskmanager [JOBMANAGER_HOST]
# Starts one JobManager or TaskManager on this host in the background, with its config from
# $SLUICE_CONF_DIR/sluice.yaml, its pid appended to the role's pid file and its output in
# $SLUICE_LOG_DIR; or stops every process of that role the pid file lists (and only those).
set -euo pipefail
# shellcheck source=config.sh
. "$(dirname "${BASH_SOURCE[0]}")/config.sh"

usage() { echo "Usage: sluice-daemon.sh start|stop-all jobmanager|taskmanager [JOBMANAGER_HOST]" >&2; exit 2; }
[ $# -ge 2 ] || usage
op="$1" role="$2" jm_host="${3:-$(master_host)}"
case "$role" in
  jobmanager) main="$SLUICE_HOME/dist/jobmanager/main.js" ;;
  taskmanager) main="$SLUICE_HOME/dist/taskmanager/main.js" ;;
  *) usage ;;
esac
ident="sluice-$SLUICE_IDENT_USER-$role"
pid_file="$SLUICE_PID_DIR/$ident.pid"

# A pid is one of ours only while it runs our main.js with a config file this script wrote:
# pid files outlive crashes, and a pid may have been reused since (even by another Sluice).
ours() { [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -qF -- "$main --config $SLUICE_LOG_DIR/$ident-"; }

case "$op" in
  start)
    [ -f "$main" ] || { echo "Error: $main not found: run npm run build in $SLUICE_HOME" >&2; exit 1; }
    mkdir -p "$SLUICE_LOG_DIR" "$SLUICE_PID_DIR"
    # The next free index on this host, as Flink numbers its daemons.
    index=0
    [ -f "$pid_file" ] && index="$(wc -l <"$pid_file" | tr -d ' ')"
    name="$ident-$index-$(hostname)"
    config="$SLUICE_LOG_DIR/$name.yaml"
    "$SLUICE_NODE" "$SLUICE_HOME/dist/deploy/standalone-config.js" "$role" "$SLUICE_CONF_DIR/sluice.yaml" "$jm_host" >"$config"
    id_args=()
    [ "$role" = taskmanager ] && id_args=(--id "taskmanager-$(hostname)-$index")
    cd "$SLUICE_WORK_DIR"
    nohup "$SLUICE_NODE" "$main" --config "$config" "${id_args[@]}" >"$SLUICE_LOG_DIR/$name.out" 2>"$SLUICE_LOG_DIR/$name.log" </dev/null &
    pid=$!
    echo "$pid" >>"$pid_file"
    echo "Starting $role daemon (pid $pid) on host $(hostname); log $SLUICE_LOG_DIR/$name.log"
    ;;
  stop-all)
    [ -f "$pid_file" ] || { echo "No $role daemon to stop on host $(hostname)."; exit 0; }
    pids=()
    while read -r pid; do
      [ -n "$pid" ] || continue
      if ours "$pid"; then
        kill -TERM "$pid" && pids+=("$pid") && echo "Stopping $role daemon (pid $pid) on host $(hostname)."
      else
        echo "No $role daemon (pid $pid) is running anymore on host $(hostname)."
      fi
    done <"$pid_file"
    # A graceful stop is bounded by shutdown-timeout-ms (10 s by default); then SIGKILL.
    deadline=$((SECONDS + ${SLUICE_STOP_TIMEOUT_S:-30}))
    for pid in "${pids[@]}"; do
      while ours "$pid"; do
        if [ "$SECONDS" -ge "$deadline" ]; then
          echo "Killing $role daemon (pid $pid): it did not stop in time." >&2
          kill -KILL "$pid" 2>/dev/null || true
          break
        fi
        sleep 0.2
      done
    done
    rm -f "$pid_file"
    ;;
  *) usage ;;
esac
