#!/usr/bin/env bash
# Backtest of the Energiewetter PV and wind models (and the green/yellow/red level) on 2022, Germany.
# Run from the repository root:  bench/forecast-eval.sh  [data-dir]
# Data: ../shared/data/forecast-eval/ (SMARD generation and consumption, DWD station means; see docs/forecast-accuracy.md).
# The last line reads: PV skill=<x> wind skill=<y> level agreement=<z>%
set -euo pipefail

cd "$(dirname "$0")/.."
DATA_DIR="${1:-../shared/data/forecast-eval}"
if [[ ! -f "$DATA_DIR/dwd_smard_2022_hourly_solar.csv" ]]; then
  echo "forecast-eval: no evaluation data in $DATA_DIR (expected dwd_smard_2022_hourly_solar.csv)" >&2
  exit 2
fi

CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
mvn -B -q -o test-compile >&2
mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >&2

exec java -cp "target/classes:target/test-classes:$(cat "$CP_FILE")" \
  de.stadtwerk.hub.forecast.eval.ForecastEvaluation "$DATA_DIR"
