#!/usr/bin/env bash
# Stops what start-cluster.sh started, and nothing else (the pid files list it): the
# JobManager first, so its jobs stay in the HA store and resume on the next start instead of
# failing, then the TaskManagers of every host in $SLUICE_CONF_DIR/workers.
set -euo pipefail
# shellcheck source=config.sh
. "$(dirname "${BASH_SOURCE[0]}")/config.sh"

on_host "$(master_host)" stop-all jobmanager
for host in $(read_hosts "$SLUICE_CONF_DIR/workers" | sort -u); do
  on_host "$host" stop-all taskmanager
done
