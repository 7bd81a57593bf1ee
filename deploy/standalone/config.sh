# Shared by the standalone scripts (sourced): where things are, as Flink's config.sh.
#   SLUICE_HOME      the Sluice installation (default: two levels above this directory)
#   SLUICE_CONF_DIR  masters, workers and sluice.yaml (default: deploy/standalone/conf)
#   SLUICE_LOG_DIR   <name>.log (the process's log, its stderr) and <name>.out (its stdout,
#                    where print() sinks write) per process (default: $SLUICE_HOME/log)
#   SLUICE_PID_DIR   one pid file per role and host (default: /tmp)
#   SLUICE_WORK_DIR  the processes' working directory: relative paths in sluice.yaml start
#                    there (default: $SLUICE_HOME)
#   SLUICE_SSH_OPTS  extra options for ssh to other hosts
STANDALONE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SLUICE_HOME="${SLUICE_HOME:-$(cd "$STANDALONE_DIR/../.." && pwd)}"
SLUICE_CONF_DIR="${SLUICE_CONF_DIR:-$STANDALONE_DIR/conf}"
SLUICE_LOG_DIR="${SLUICE_LOG_DIR:-$SLUICE_HOME/log}"
SLUICE_PID_DIR="${SLUICE_PID_DIR:-/tmp}"
SLUICE_NODE="${SLUICE_NODE:-node}"
SLUICE_WORK_DIR="${SLUICE_WORK_DIR:-$SLUICE_HOME}"
SLUICE_IDENT_USER="${USER:-$(id -un)}"
export SLUICE_HOME SLUICE_CONF_DIR SLUICE_LOG_DIR SLUICE_PID_DIR SLUICE_NODE SLUICE_WORK_DIR

# Hosts of a conf file: comments and blank lines dropped, one host per line.
read_hosts() {
  [ -f "$1" ] || return 0
  sed -e 's/#.*//' -e 's/[[:space:]]//g' "$1" | grep -v '^$' || true
}

is_local() {
  case "$1" in localhost | 127.0.0.1 | ::1 | "$(hostname)" | "$(hostname -f 2>/dev/null)") return 0 ;; *) return 1 ;; esac
}

# Runs sluice-daemon.sh on a host: here, or over ssh with the same paths and settings.
on_host() {
  local host="$1"
  shift
  if is_local "$host"; then
    "$STANDALONE_DIR/sluice-daemon.sh" "$@"
  else
    # shellcheck disable=SC2086
    ssh -n $SLUICE_SSH_OPTS "$host" -- "SLUICE_HOME=$(printf %q "$SLUICE_HOME") SLUICE_CONF_DIR=$(printf %q "$SLUICE_CONF_DIR") SLUICE_LOG_DIR=$(printf %q "$SLUICE_LOG_DIR") SLUICE_PID_DIR=$(printf %q "$SLUICE_PID_DIR") SLUICE_NODE=$(printf %q "$SLUICE_NODE") SLUICE_WORK_DIR=$(printf %q "$SLUICE_WORK_DIR") $(printf %q "$STANDALONE_DIR/sluice-daemon.sh") $(printf '%q ' "$@")"
  fi
}

master_host() {
  local m
  m="$(read_hosts "$SLUICE_CONF_DIR/masters" | head -n 1)"
  echo "${m:-localhost}"
}
