#!/usr/bin/env bash
# Lets the local PostgreSQL stream to a replica on this machine: the replica tests and the
# two-instance run start one with `pg_basebackup -R`. A pg_hba.conf line for database `all` does
# not match replication connections; they need a line of their own (docs/operating.md).
set -euo pipefail
url="${PORCHLIGHT_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}"
hba=$(psql "$url" -qAt -c 'show hba_file')
line='host replication postgres 127.0.0.1/32 trust'
if ! grep -Eq '^[[:space:]]*host[[:space:]]+replication[[:space:]]+(all|postgres)[[:space:]]+127\.0\.0\.1/32' "$hba"; then
  echo "$line" >>"$hba"
  psql "$url" -qAt -c 'select pg_reload_conf()' >/dev/null
  echo "allowed replication from 127.0.0.1 in $hba"
fi
psql "$url" -qAt -c 'show wal_level' | grep -Eq '^(replica|logical)$' \
  || { echo "wal_level must be replica or logical to stream to a replica" >&2; exit 1; }
