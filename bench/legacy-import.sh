#!/usr/bin/env bash
# Import rate of a large MSCONS file and a large CSV file into PostgreSQL through the legacy file import, with the
# peak heap and the CPU time per value (hub JVM + its PostgreSQL backends). Usage (from the repository root):
# bench/legacy-import.sh [locations] [days]; JAVA_OPTS=-Dbench.mode=check-first|one-pass -Dbench.writers=N
# Defaults: 1,000 locations x 30 days of quarter-hours (about 2.9 million values per file, MSCONS ~230 MB, CSV ~200 MB).
# PostgreSQL: 127.0.0.1:5432 database test, user postgres (-Dbench.pg.url / -Dbench.pg.user via JAVA_OPTS).
# The heap is capped at 256 MB (BENCH_HEAP) so a file is never held in memory.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
exec java -Xmx${BENCH_HEAP:-256m} ${JAVA_OPTS:-} -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  de.stadtwerk.hub.bench.LegacyImportBench "$@"
