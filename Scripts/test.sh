#!/usr/bin/env bash
# Everything CI checks, in one command (the README's test command):
# installs what the tests need if missing, runs the main suite and the
# protobuf-c differential suite, holds instructions per record to their
# budgets, and builds the DocC documentation with warnings as errors (every
# symbol link in the catalog must resolve).
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/install-test-deps.sh
swift test
swift test --package-path Oracle
bash Scripts/perf-check.sh
swift package --disable-sandbox generate-documentation --target MixerDecode --warnings-as-errors
