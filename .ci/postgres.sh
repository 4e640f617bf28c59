# A throw-away PostgreSQL cluster for the register's tests, sourced by
# .ci/run: a temporary folder, a unix socket only, run as the postgres
# user (initdb refuses root).  Exports SHENBAO_TEST_PG_URL (the
# application's role, shenbao_app, in the group shenbao_register_users
# with only the privileges the migrations grant it) and
# SHENBAO_TEST_PG_OWNER_URL (the database's owner, who migrates).
#   start_postgres; …; stop_postgres

pg_bin=/usr/lib/postgresql/15/bin
pg_dir=""

pg_as () {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start_postgres () {
  pg_dir=$(mktemp -d /tmp/shenbao-pg.XXXXXX)
  chmod 0755 "$pg_dir"
  [ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
  pg_as "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 || {
    cat "$pg_dir/initdb.log" >&2; return 1; }
  pg_as "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-c listen_addresses='' -k $pg_dir -c fsync=off" start >/dev/null || {
    cat "$pg_dir/server.log" >&2; return 1; }
  pg_as "$pg_bin/psql" -h "$pg_dir" -U postgres -d postgres -v ON_ERROR_STOP=1 -q <<'SQL' || return 1
CREATE ROLE shenbao_owner LOGIN;
CREATE ROLE shenbao_register_users NOLOGIN;
CREATE ROLE shenbao_app LOGIN IN ROLE shenbao_register_users;
CREATE DATABASE shenbao_register OWNER shenbao_owner;
SQL
  # PostgreSQL 15 no longer lets every role create in public: the owner
  # migrates, the application role only uses what it is granted.
  pg_as "$pg_bin/psql" -h "$pg_dir" -U postgres -d shenbao_register -v ON_ERROR_STOP=1 -q \
    -c "ALTER SCHEMA public OWNER TO shenbao_owner; REVOKE CREATE ON SCHEMA public FROM PUBLIC;" || return 1
  export SHENBAO_TEST_PG_URL="postgresql:///shenbao_register?host=$pg_dir&user=shenbao_app"
  export SHENBAO_TEST_PG_OWNER_URL="postgresql:///shenbao_register?host=$pg_dir&user=shenbao_owner"
  echo "PostgreSQL for the register tests: $pg_dir"
}

stop_postgres () {
  if [ -n "$pg_dir" ] && [ -d "$pg_dir/data" ]; then
    pg_as "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1
    rm -rf "$pg_dir"
  fi
  pg_dir=""
}
