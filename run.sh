#!/usr/bin/env bash
# Builds the hub (if needed) and starts it on its embedded defaults from the repository root. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f target/stadtwerk-hub.jar ] || [ -n "$(find src pom.xml -newer target/stadtwerk-hub.jar -print -quit)" ]; then
  mvn -B -q package -DskipTests
fi
exec java ${JAVA_OPTS:-} -jar target/stadtwerk-hub.jar "$@"
