#!/usr/bin/env bash
# Follows docs/operating.md on this machine, without root's services: Porchlight on a fresh data
# directory behind nginx (deploy/nginx-porchlight.conf, its names and ports changed) with a
# self-signed certificate, then checks what a person and an operator would. Needs nginx, openssl
# and curl (Debian: apt-get install nginx openssl curl). Run from the repository's root.
set -euo pipefail
work=$(mktemp -d)
port=18090
tls=18443
trap 'kill $(cat "$work/nginx.pid" 2>/dev/null) 2>/dev/null || true; kill -- -$server 2>/dev/null || true; rm -rf "$work"' EXIT

echo "--- certificate for meetings.test"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=meetings.test \
  -addext subjectAltName=DNS:meetings.test -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

echo "--- nginx from deploy/nginx-porchlight.conf"
sed -e "s/meetings.example.org/meetings.test/g" \
  -e "s#/etc/letsencrypt/live/meetings.test/fullchain.pem#$work/cert.pem#" \
  -e "s#/etc/letsencrypt/live/meetings.test/privkey.pem#$work/key.pem#" \
  -e "s/127.0.0.1:8080/127.0.0.1:$port/" \
  -e "s/listen 443 ssl http2;/listen 127.0.0.1:$tls ssl http2;/" \
  -e "/listen \[::\]/d" -e "/listen 80;/d" \
  -e "s#root /var/www/html#root $work#" \
  deploy/nginx-porchlight.conf >"$work/site.conf"
cat >"$work/nginx.conf" <<CONF
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events {}
http {
  client_body_temp_path $work/body; proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fastcgi; uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;
  include $work/site.conf;
}
CONF
nginx -t -c "$work/nginx.conf" -p "$work" 2>&1 | tail -1

echo "--- Porchlight (settings as deploy/env.example says)"
PUBLIC_URL=https://meetings.test:$tls HOST=127.0.0.1 PORT=$port DATA_DIR="$work/data" \
  TRUST_PROXY=loopback LOG_LEVEL=warn setsid node bin/porchlight.js serve >"$work/server.log" 2>&1 &
server=$!
nginx -c "$work/nginx.conf" -p "$work"
for _ in $(seq 1 90); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 1
done
https() { curl -sS --resolve "meetings.test:$tls:127.0.0.1" --cacert "$work/cert.pem" "$@"; }

echo "--- through nginx with TLS"
https -o /dev/null -w "readyz %{http_code} over HTTP/%{http_version}\n" "https://meetings.test:$tls/readyz"
https -o /dev/null -w "finder %{http_code}, %{size_download} bytes\n" --compressed "https://meetings.test:$tls/"
https -o /dev/null -w "metrics through the proxy %{http_code} (404 expected)\n" "https://meetings.test:$tls/metrics"
curl -sS -o /dev/null -w "metrics on the loopback %{http_code} (200 expected)\n" "http://127.0.0.1:$port/metrics"
https -sI "https://meetings.test:$tls/" | grep -i -E "^(strict-transport-security|content-security-policy):" | cut -c1-80
echo "--- backup while serving"
DATA_DIR="$work/data" node bin/porchlight.js backup "$work/backup.gz"
echo "all checks ran"
