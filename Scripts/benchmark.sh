#!/usr/bin/env bash
# Runs the benchmarks (Benchmarks/) in release mode and prints the table the
# README shows. Needs protoc, libprotobuf-c-dev (bash Scripts/install-test-deps.sh).
# The command is built through the Benchmarks package too, so that everything
# is in .build-bench and a benchmark never waits for, or disturbs, .build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/install-test-deps.sh
swift build -c release --package-path Benchmarks --scratch-path .build-bench --product mixerdecode
swift build -c release --package-path Benchmarks --scratch-path .build-bench --product MixerBenchmarks
MIXERDECODE_BIN="$PWD/.build-bench/release/mixerdecode" .build-bench/release/MixerBenchmarks
