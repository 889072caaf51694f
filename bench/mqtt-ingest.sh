#!/usr/bin/env bash
# MQTT ingest benchmark: the hub jar with PostgreSQL as store and the machine's Mosquitto (127.0.0.1:1883) as
# broker, fed by a load generator of 1,000 meters at QoS 1; in the same run the broker's limit, before and after
# the hub's phases (same generator, a plain counting subscriber). Reports sustained msg/s stored, loss,
# publish->commit p50/p99 at a fixed rate, CPU and peak RSS. Usage (from the repository root):
#   bench/mqtt-ingest.sh [messages=500000] [meters=1000] [rate=2000] [latency-seconds=30]
# Options via JAVA_OPTS: -Dbench.mqtt.url=tcp://127.0.0.1:1883 -Dbench.pg.base=jdbc:postgresql://127.0.0.1:5432/
#   -Dbench.mosquitto.private=true (a Mosquitto of its own with the settings of docs/field-mqtt.md, free port)
#   -Dbench.mosquitto.max-inflight=1000 (the private Mosquitto's max_inflight_messages)
#   -Dbench.limit-only=true (only the broker limit) -Dbench.publishers=4 (generator connections)
#   -Dbench.warmup-burst=100000 (at full speed, then) -Dbench.warmup-seconds=10 (at the fixed rate; then 65 s pause)
#   -Dbench.pg.user=postgres -Dbench.hub.opts=-Xms128m,-Xmx256m (options separated by commas or spaces) -Dbench.hub.props=-Dhub.mqtt.connections=2,-Dhub.mqtt.shared-group=hub
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests >/dev/null
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
exec java -Xmx1g ${JAVA_OPTS:-} -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  de.stadtwerk.hub.bench.MqttIngestBench "$@"
