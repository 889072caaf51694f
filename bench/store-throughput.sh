#!/usr/bin/env bash
# Store write throughput through the ingest pipeline on H2 and PostgreSQL, with PostgreSQL's COPY as the raw
# limit in the same run. Usage (from the repository root): bench/store-throughput.sh [observations] [series] [threads]
# Defaults: 1,000,000 observations over 1,000 series. PostgreSQL: -Dbench.pg.url / -Dbench.pg.user via JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
exec java -Xmx2g ${JAVA_OPTS:-} -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  de.stadtwerk.hub.bench.StoreThroughputBench "$@"
