#!/usr/bin/env bash
# Paho's decoding of one received meter reading, with Paho's own CountingInputStream and with the hub's replacement
# (docs/decisions.md, "Paho's CountingInputStream is replaced"), in one run. Usage (from the repository root):
#   bench/mqtt-decode.sh [rounds=5] [decodes per round=1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile >/dev/null
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
# the hub's classes are left off the class path: the benchmark loads each variant in a class loader of its own
exec java -Xmx256m -cp "target/test-classes:$(cat target/bench.classpath)" de.stadtwerk.hub.bench.PahoDecodeBench "$@"
