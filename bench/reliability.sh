#!/usr/bin/env bash
# The fault-test suite (docs/reliability.md, catalogue ../shared/RELIABILITY.md F1-F8, F11, F12) in its long variant,
# and the table of its figures. Usage (from the repository root): bench/reliability.sh [default]
#   (no argument)  long variants (-Dreliability.long=true): F1 50,000 readings, F4 30 s database outage,
#                  F5 60 s OPC UA outage, F6 50 MB CSV written over 10 s ...; about 15-20 minutes on 2 cores
#   default        the variants the normal test run (./test.sh) uses
# Needs what ./test.sh needs: the machine's PostgreSQL (127.0.0.1:5432, db test) and the mosquitto and PostgreSQL
# binaries (private instances on free ports are started and stopped by the tests). Writes target/reliability/*.json
# (one per test) and target/reliability/figures.md (the table to paste into docs/reliability.md).
set -euo pipefail
cd "$(dirname "$0")/.."
LONG=true
[ "${1:-}" = "default" ] && LONG=false
ITS="MqttFaultsIT,PostgresOutageIT,LegacyImportKillIT,OpcUaReconnectIT,SlowCsvDropIT"
rm -rf target/reliability
mvn -B -q package -DskipTests
# the fault tests only: surefire runs the one route test (F8), failsafe the ITs listed
mvn -B verify -Dtest=OpenDataFaultsRouteTest -Dit.test="$ITS" -Dreliability.long=$LONG || STATUS=$?
{
  echo "| id | variant | scenario | load | lost | doubled | recovery | other figures |"
  echo "|---|---|---|---|---|---|---|---|"
  for f in target/reliability/*.json; do
    jq -r '[.id, .variant, .scenario, (.load // "-"), (.lost // "-" | tostring), (.doubled // "-" | tostring),
            (if .recoveryMs then "\(.recoveryMs) ms (\(.recovery))" else (.recovery // "-") end),
            ([to_entries[] | select(.key | IN("id","variant","scenario","load","lost","doubled","recoveryMs",
              "recovery","measuredAt","machine") | not) | "\(.key)=\(.value | tostring)"] | join(", "))]
           | "| " + join(" | ") + " |"' "$f"
  done
  echo
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(uname -m)), $(java -version 2>&1 | head -1)."
} > target/reliability/figures.md
cat target/reliability/figures.md
exit "${STATUS:-0}"
