#!/usr/bin/env bash
# Partner API read load (RELIABILITY L3): wrk on loopback, each request one day of 15-minute values (96) of one
# series, 50 connections. Usage (from the repository root): bench/api-read.sh [duration_s=60] [connections=50]
# Starts the hub jar on free ports with its own data directory (H2, filled beforehand: 20 series x 30 days) and a
# bench partner key, runs a 10 s warm-up and the measured run, and stops the hub by its PID.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-60}"
CONNECTIONS="${2:-50}"
SERIES=20
DAYS=30
if ! command -v wrk >/dev/null; then
  echo "wrk is missing; installing it from Debian's packages" >&2
  apt-get install -y wrk >/dev/null
fi
mvn -B -q package -DskipTests >/dev/null
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
WORK="$(mktemp -d /tmp/hub-api-bench.XXXXXX)"
java -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" de.stadtwerk.hub.bench.ApiReadBenchData \
  "$WORK/data" "$SERIES" "$DAYS"
KEY="swh_bench_$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
HASH="$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)"
cat > "$WORK/partners.yaml" <<YAML
partners:
  - id: bench
    name: Load test partner
    keys:
      - sha256: $HASH
        label: bench
    grants:
      select:
        - quantities: [active_power]
YAML
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
PORT="$(free_port)"; MPORT="$(free_port)"
java -Xmx512m -Dcamel.server.port="$PORT" -Dcamel.server.host=127.0.0.1 -Dcamel.management.port="$MPORT" \
  -Dhub.data.dir="$WORK/data" -Dhub.api.partners-file="$WORK/partners.yaml" \
  -Dhub.api.rate-limit.per-minute=100000000 -Dhub.api.rate-limit.burst=100000000 \
  -jar target/stadtwerk-hub.jar > "$WORK/hub.log" 2>&1 &
HUB_PID=$!
trap 'kill "$HUB_PID" 2>/dev/null; wait "$HUB_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$MPORT/observe/health/ready" >/dev/null 2>&1; then break; fi
  sleep 1
done
curl -sf -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/api/v1/series/bench-0.active_power/observations?from=2026-01-01&to=2026-01-02" \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d["points"])==96, d; print("check: 96 values per request")'
export BENCH_KEY="$KEY" BENCH_SERIES="$SERIES" BENCH_DAYS="$DAYS"
echo "warm-up 10 s ..."
wrk -t2 -c"$CONNECTIONS" -d10s -s bench/api-read.lua "http://127.0.0.1:$PORT" >/dev/null
echo "measured: ${DURATION} s, ${CONNECTIONS} connections"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s --latency -s bench/api-read.lua "http://127.0.0.1:$PORT" | tee "$WORK/wrk.txt"
echo "hub log and wrk output: $WORK"
if grep -q "Non-2xx" "$WORK/wrk.txt"; then
  echo "FAILED: some responses were not 2xx" >&2
  exit 1
fi
