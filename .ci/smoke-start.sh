#!/usr/bin/env bash
# Starts the server the way the README says (npm start) on an empty data directory and checks
# that it becomes ready, serves demo meetings and the feed, then stops it.
set -euo pipefail
dir=$(mktemp -d)
port=18080
DATA_DIR="$dir" PORT=$port LOG_LEVEL=warn setsid npm start >"$dir/server.log" 2>&1 &
pid=$!
trap 'kill -- -$pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/readyz"
echo
count=$(curl -fsS "http://127.0.0.1:$port/meeting-guide.json" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).length))')
echo "meeting-guide.json rows: $count"
[ "$count" -gt 50 ] || { cat "$dir/server.log"; exit 1; }
test -f "$dir/porchlight.db"
