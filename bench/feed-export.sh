#!/usr/bin/env bash
# Feed export of one year x 1,000 series x 15 minutes (35 million values), streamed with a heap of 512 MB.
# Usage (from the repository root): bench/feed-export.sh [pg|h2] [series] [days] [csv-de|json]
# Defaults: pg 1000 365 csv-de. Step 1 generates the values into PostgreSQL (a new schema; -Dbench.pg.url /
# -Dbench.pg.user via JAVA_OPTS, default jdbc:postgresql://127.0.0.1:5432/test, postgres) or into an H2 file
# database under target/feed-bench/; step 2 runs the export in a JVM with -Xmx512m and prints duration, rows/s
# and peak heap; step 3 drops the data again.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-pg}; SERIES=${2:-1000}; DAYS=${3:-365}; FORMAT=${4:-csv-de}
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
CP="target/classes:target/test-classes:$(cat target/bench.classpath)"
java -Xmx1g ${JAVA_OPTS:-} -cp "$CP" de.stadtwerk.hub.bench.FeedExportBench generate "$DB" "$SERIES" "$DAYS"
trap 'java ${JAVA_OPTS:-} -cp "$CP" de.stadtwerk.hub.bench.FeedExportBench drop' EXIT
java -Xmx512m -XX:+UseG1GC ${JAVA_OPTS:-} -cp "$CP" de.stadtwerk.hub.bench.FeedExportBench export "$FORMAT"
