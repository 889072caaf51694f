#!/usr/bin/env bash
# Runs the whole test suite: unit tests, route tests and integration tests (H2 and the machine's PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")"
exec mvn -B verify "$@"
