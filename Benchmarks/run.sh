#!/usr/bin/env bash
# Measures Loupe's hot paths on this machine and prints figures (not a test: nothing is asserted).
#   Benchmarks/run.sh [TASKS] [--postgres]
# Ingests TASKS tasks (default 100000) through the upload flow (JSONL, then the same as CSV), pages through them, and runs wrk
# (32 connections, 10 s) against GET /api/v1/tasks/{id}, and runs 64 workers through the work queue
# (5,000 tasks, overlap 3), then again beside a flood of wrong-password logins. Everything stays on
# 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
tasks=${1:-100000}
mode=${2:-}
port=18080
key=live_bench_key_000000000000000000000000000
data=$(mktemp -d /tmp/loupe-bench.XXXXXX)
swift build -c release --product loupe >/dev/null
swift build -c release --product loupe-bench >/dev/null
bin=$(swift build -c release --show-bin-path)

db_args=()
if [ "$mode" = "--postgres" ]; then
  pg_dir=$(mktemp -u /tmp/loupe-bench-pg.XXXXXX)
  pg_url=$(scripts/pg-test-cluster.sh start "$pg_dir" 55433)
  db_args=(--database-url "$pg_url")
fi
LOUPE_API_KEY=$key LOUPE_TRUSTED_PROXIES=127.0.0.1 LOUPE_RATE_LIMIT_KEY=0 LOUPE_RATE_LIMIT_ORG=0 LOUPE_LOG_LEVEL=warning "$bin/loupe" serve --port $port --data-dir "$data" "${db_args[@]}" >"$data/server.log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true
  if [ "$mode" = "--postgres" ]; then scripts/pg-test-cluster.sh stop "$pg_dir"; fi
  rm -rf "$data"
}
trap cleanup EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done

echo "== ingest ($tasks tasks, ${mode:-sqlite}) =="
out=$("$bin/loupe-bench" ingest --url "http://127.0.0.1:$port" --key $key --tasks "$tasks" --server-pid $server)
echo "$out"
project=$(echo "$out" | sed -n 's/^project: //p')

echo "== ingest ($tasks tasks as CSV, ${mode:-sqlite}) =="
"$bin/loupe-bench" ingest --url "http://127.0.0.1:$port" --key $key --tasks "$tasks" --format csv --server-pid $server \
  | grep -v '^project:'

echo "== page =="
"$bin/loupe-bench" page --url "http://127.0.0.1:$port" --key $key --project "$project"

echo "== work queue: 64 workers, claim + submit, overlap 3 =="
"$bin/loupe-bench" work --url "http://127.0.0.1:$port" --key $key --tasks 5000 --overlap 3 --workers 64 --server-pid $server

echo "== work queue under a login flood: 16 guessers from rotating addresses =="
"$bin/loupe-bench" work --url "http://127.0.0.1:$port" --key $key --tasks 5000 --overlap 3 --workers 64 --server-pid $server \
  --login-flood 16

echo "== latency with 1,500 idle and 500 half-sent connections open =="
"$bin/loupe-bench" connections --url "http://127.0.0.1:$port" --key $key

echo "== GET /api/v1/tasks/{id} under wrk =="
task=$("$bin/loupe-bench" make-task --url "http://127.0.0.1:$port" --key $key --project "$project")
if ! command -v wrk >/dev/null; then apt-get install -y -qq wrk >/dev/null 2>&1 || true; fi
if command -v wrk >/dev/null; then
  wrk -t2 -c32 -d10s --latency -H "Authorization: Bearer $key" "http://127.0.0.1:$port/api/v1/tasks/$task" \
    | grep -E "Requests/sec|50%|99%|Latency"
else
  echo "wrk is not installed (apt-get install wrk)"
fi
