#!/usr/bin/env bash
# Regenerates the SwiftProtobuf code of the benchmarks' comparator
# (Benchmarks/Sources/MixerBenchmarks/SwiftProtobufGenerated) from Protos/,
# with protoc and the protoc-gen-swift built from the pinned swift-protobuf.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --package-path Benchmarks --scratch-path .build-bench --product protoc-gen-swift >/dev/null
out=Benchmarks/Sources/MixerBenchmarks/SwiftProtobufGenerated
rm -rf "$out" && mkdir -p "$out"
protoc --plugin=protoc-gen-swift=.build-bench/debug/protoc-gen-swift --swift_out="$out" \
  -IProtos -I/usr/include Protos/istio/mixer/v1/attributes.proto Protos/istio/mixer/v1/report.proto \
  Protos/istio/mixer/v1/check.proto Protos/google/rpc/status.proto
find "$out" -name '*.pb.swift' | sort
