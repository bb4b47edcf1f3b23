#!/usr/bin/env bash
# Builds everything and runs the demo: libbot reads sample customer messages
# in Hungarian and Polish and shows what it understood of each word.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
./build/bin/libbot analyze < examples/sample_messages.txt
