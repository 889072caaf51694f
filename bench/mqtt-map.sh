#!/usr/bin/env bash
# The mapping step of the MQTT ingest per message (default payload shape): JSON paths from a Jackson tree (before the
# sixth session) and in one streaming pass (JsonFields, now), and the whole mapping of the shipped shape, in one run
# (docs/decisions.md, "A payload shape's JSON paths are read in one streaming pass"). Usage (from the repository root):
#   bench/mqtt-map.sh [rounds=5] [messages per round=1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile >/dev/null
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
exec java -Xmx256m -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  de.stadtwerk.hub.field.mqtt.mapping.MqttMappingBench "$@"
