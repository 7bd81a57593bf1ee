#!/usr/bin/env bash
# Starts a standalone Sluice cluster, as Flink's start-cluster.sh: the JobManager on the host
# of $SLUICE_CONF_DIR/masters (default localhost) and one TaskManager per line of
# $SLUICE_CONF_DIR/workers, locally for localhost/127.0.0.1 and over ssh otherwise.
set -euo pipefail
# shellcheck source=config.sh
. "$(dirname "${BASH_SOURCE[0]}")/config.sh"

[ -f "$SLUICE_CONF_DIR/sluice.yaml" ] || { echo "Error: $SLUICE_CONF_DIR/sluice.yaml not found (set SLUICE_CONF_DIR)" >&2; exit 2; }
jm="$(master_host)"
# Every process's configuration is checked before anything starts.
"$SLUICE_NODE" "$SLUICE_HOME/dist/deploy/standalone-config.js" jobmanager "$SLUICE_CONF_DIR/sluice.yaml" "$jm" >/dev/null
"$SLUICE_NODE" "$SLUICE_HOME/dist/deploy/standalone-config.js" taskmanager "$SLUICE_CONF_DIR/sluice.yaml" "$jm" >/dev/null

echo "Starting cluster."
on_host "$jm" start jobmanager "$jm"
workers="$(read_hosts "$SLUICE_CONF_DIR/workers")"
[ -n "$workers" ] || echo "Warning: no TaskManagers: $SLUICE_CONF_DIR/workers lists no host" >&2
for host in $workers; do
  on_host "$host" start taskmanager "$jm"
done
