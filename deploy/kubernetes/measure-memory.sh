#!/usr/bin/env bash
# Prints the resident memory the account view's Deployments are sized from (account-view.ts):
# the account page idle and after N page requests, the account store and alert-actions with
# their code loaded while they wait for a broker (none runs here: their memory beyond that is a
# fetch batch or a request in flight). Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust);
# creates and drops its own database. Usage: deploy/kubernetes/measure-memory.sh [requests]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
requests=${1:-2000}
database=churnwatch_measure_memory_$$
postgres=(psql -q -h 127.0.0.1 -U postgres)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  "${postgres[@]}" -c "drop database if exists $database" >/dev/null
}
trap cleanup EXIT

rss() { awk '/VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "(exited)"; }
# Same heap cap as in the Deployments; no broker listens on port 1, so the Kafka clients keep retrying.
# start <main.ts> VARIABLE=value…
start() { env CHURNWATCH_LOG_LEVEL=warn CHURNWATCH_KAFKA_BROKERS=127.0.0.1:1 "${@:2}" node --max-old-space-size=288 "$1" >/dev/null 2>&1 & }

"${postgres[@]}" -c "create database $database"
for migration in services/account-store/migrations/*.sql; do "${postgres[@]}" -d "$database" -f "$migration" >/dev/null; done
url=postgres://postgres@127.0.0.1:5432/$database
token=page-token-0123456789

# loaded <pid> <metrics port>: waits until the service's metrics endpoint answers (its code is loaded), or it exited.
loaded() {
  until curl -s -o /dev/null "http://127.0.0.1:$2/healthz"; do
    kill -0 "$1" 2>/dev/null || return 1
    sleep 0.2
  done
}

# One after another, so that they do not compete for the cores while loading.
start services/account-store/src/main.ts CHURNWATCH_DATABASE_URL="$url" CHURNWATCH_METRICS_PORT=19465
store=$!
pids+=("$store")
loaded "$store" 19465 && echo "account-store, waiting for a broker: $(rss "$store")" || echo "account-store exited before answering"
kill "$store" 2>/dev/null || true
# alert-actions gives up on the broker after some seconds: measured as soon as it answers.
start services/alert-actions/src/main.ts CHURNWATCH_ALERT_ACTIONS_TOKEN=api-token-0123456789abcdef0123456789 CHURNWATCH_ALERT_ACTIONS_PORT=18087 CHURNWATCH_METRICS_PORT=19466
actions=$!
pids+=("$actions")
loaded "$actions" 19466 && echo "alert-actions, waiting for a broker: $(rss "$actions")" || echo "alert-actions exited before answering"
kill "$actions" 2>/dev/null || true
start services/account-page/src/main.ts CHURNWATCH_DATABASE_URL="$url" CHURNWATCH_ACCOUNT_PAGE_PORT=18080 CHURNWATCH_METRICS_PORT=19464 CHURNWATCH_ACCOUNT_PAGE_TOKEN=$token
page=$!
pids+=("$page")
loaded "$page" 19464 || { echo "account-page exited before answering"; exit 1; }
until curl -sf -o /dev/null http://127.0.0.1:19464/readyz; do sleep 0.5; done
echo "account-page, idle: $(rss "$page")"
for i in $(seq 1 "$requests"); do
  path=$([ $((i % 2)) = 0 ] && echo customers/c-1 || echo)
  curl -s -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:18080/$path"
done
echo "account-page, after $requests requests: $(rss "$page")"
curl -s http://127.0.0.1:19464/metrics | awk '/^churnwatch_nodejs_heap_size_(used|total)_bytes/ { printf "account-page, %s: %.0f MiB\n", $1, $2 / 1048576 }'
