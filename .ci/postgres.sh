# Sourced by .ci/run (and usable by hand: `. .ci/postgres.sh && pg_start`): a throwaway
# PostgreSQL for the dossier tests, on a temporary directory and a free port of
# 127.0.0.1, stopped (and its directory removed) by pg_stop. initdb refuses to run as
# root, so the server runs as an unprivileged system user made for it.

pg_bin() {
  for d in /usr/local/bin /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  return 1
}

pg_start() {
  local bin user port
  if ! bin=$(pg_bin); then
    if command -v apt-get >/dev/null 2>&1; then
      echo ".ci/postgres.sh: installing PostgreSQL from Debian" >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
    fi
    bin=$(pg_bin) || { echo ".ci/postgres.sh: no initdb/pg_ctl found" >&2; return 1; }
  fi
  user=${ISNAD_PG_USER:-isnadpg}
  if [ "$(id -u)" = 0 ]; then
    id -u "$user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
    as() { runuser -u "$user" -- "$@"; }
  else
    user=$(id -un)
    as() { "$@"; }
  fi
  PG_TMP=$(mktemp -d "${TMPDIR:-/tmp}/isnad-pg.XXXXXX")
  chmod 755 "$PG_TMP"
  mkdir -p "$PG_TMP/data" "$PG_TMP/sock"
  [ "$(id -u)" = 0 ] && chown -R "$user" "$PG_TMP"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  as "$bin/initdb" -D "$PG_TMP/data" -U isnad --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_TMP/initdb.log" 2>&1 \
    || { cat "$PG_TMP/initdb.log" >&2; return 1; }
  # Tests need speed, not durability: a killed *client* is what they exercise.
  # ISNAD_PG_DURABLE=1 keeps PostgreSQL's defaults (fsync, synchronous commit), for
  # measurements.
  local opts="-c listen_addresses=127.0.0.1 -p $port -k $PG_TMP/sock -c max_connections=200"
  [ "${ISNAD_PG_DURABLE:-0}" = 1 ] || opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  as "$bin/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 -o "$opts" start >/dev/null \
    || { cat "$PG_TMP/server.log" >&2; return 1; }
  PG_BIN=$bin PG_AS_USER=$user
  export ISNAD_TEST_PG="postgres://isnad@127.0.0.1:$port/postgres"
  echo ".ci/postgres.sh: PostgreSQL ($("$bin/postgres" --version)) at $ISNAD_TEST_PG" >&2
}

pg_stop() {
  [ -n "${PG_TMP:-}" ] || return 0
  if [ -f "$PG_TMP/data/postmaster.pid" ]; then
    if [ "$(id -u)" = 0 ]; then
      runuser -u "$PG_AS_USER" -- "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w stop >/dev/null 2>&1 || true
    else
      "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
  fi
  rm -rf "$PG_TMP"
  PG_TMP=
}
