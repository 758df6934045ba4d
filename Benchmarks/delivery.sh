#!/usr/bin/env bash
# Measures delivery on this machine and prints figures (not a test: nothing is asserted).
#   Benchmarks/delivery.sh [EVENTS] [EXPORT_TASKS]
# 1. Webhook dispatch: EVENTS tasks (default 20000) each write a task.created event; the server
#    posts them to a receiver inside loupe-bench on 127.0.0.1 (deliveries/s).
# 2. Feed paging: EXPORT_TASKS (default 1000000) completed tasks are stored, then paged through
#    GET /api/v1/projects/{id}/deliveries?limit=1000 (tasks/s).
# 3. Export: `loupe export` of the same tasks in every format (time, peak RSS).
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-20000}
export_tasks=${2:-1000000}
port=18081
key=live_bench_key_000000000000000000000000000
data=$(mktemp -d /tmp/loupe-delivery-bench.XXXXXX)
swift build -c release --product loupe >/dev/null
swift build -c release --product loupe-bench >/dev/null
bin=$(swift build -c release --show-bin-path)
server=""
start_server() {
  LOUPE_API_KEY=$key LOUPE_RATE_LIMIT_KEY=0 LOUPE_RATE_LIMIT_ORG=0 LOUPE_LOG_LEVEL=warning LOUPE_ALLOW_PRIVATE_CALLBACKS=1 \
    "$bin/loupe" serve --port $port --data-dir "$data" >>"$data/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && return; sleep 0.2; done
}
stop_server() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
trap 'stop_server; rm -rf "$data"' EXIT

start_server
echo "== webhooks ($events events to a receiver on 127.0.0.1) =="
"$bin/loupe-bench" webhooks --url "http://127.0.0.1:$port" --key $key --events "$events"
stop_server

echo "== seeding $export_tasks completed tasks =="
seed_start=$(date +%s.%N)
project=$("$bin/loupe-bench" seed-completed --data-dir "$data" --tasks "$export_tasks" | sed -n 's/^project: //p')
echo "seeded in $(echo "$(date +%s.%N) - $seed_start" | bc) s"

start_server
echo "== feed paging =="
"$bin/loupe-bench" feed --url "http://127.0.0.1:$port" --key $key --project "$project" --limit 1000
stop_server

echo "== export ($export_tasks tasks) =="
for format in jsonl csv coco yolo voc; do
  "$bin/loupe" export --project "$project" --format $format --out "$data/export.$format" --data-dir "$data" 2>&1 | tail -1
  echo "  $(du -h "$data/export.$format" | cut -f1) written"
  rm -f "$data/export.$format"
done
