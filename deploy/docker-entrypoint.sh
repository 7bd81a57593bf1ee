#!/bin/sh
# One image for every role: docker run IMAGE jobmanager|taskmanager|submit ARGS...|cluster
# Options come as flags after the role, as SLUICE_* variables, or in a --config file.
set -e
SLUICE=/opt/sluice/dist
role="${1:-}"
[ $# -gt 0 ] && shift
case "$role" in
  jobmanager) exec node "$SLUICE/jobmanager/main.js" "$@" ;;
  taskmanager) exec node "$SLUICE/taskmanager/main.js" "$@" ;;
  submit) exec node "$SLUICE/client/cli/stream-submit.js" "$@" ;;
  cluster) exec node "$SLUICE/deploy/stream-cluster.js" start "$@" ;;
  --version | version) exec node "$SLUICE/jobmanager/main.js" --version ;;
  *)
    echo "Usage: docker run IMAGE jobmanager|taskmanager|submit ARGS...|cluster [options]   (each role answers --help)" >&2
    [ -z "$role" ] || [ "$role" = "--help" ] || [ "$role" = "help" ] && exit 0
    echo "Error: unknown role '$role'" >&2
    exit 2 ;;
esac
