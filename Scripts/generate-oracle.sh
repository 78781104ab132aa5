#!/usr/bin/env bash
# Regenerates the protobuf-c code of the test oracle (Oracle/Sources/MixerProtobufC)
# from Protos/ with protoc-c (Debian: protobuf-c-compiler, libprotobuf-c-dev,
# protobuf-compiler, libprotobuf-dev). The generated code must match the
# installed libprotobuf-c (its header has a version guard).
set -euo pipefail
cd "$(dirname "$0")/.."
target=Oracle/Sources/MixerProtobufC
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
protoc --c_out="$work" -IProtos -I/usr/include \
  Protos/istio/mixer/v1/attributes.proto Protos/istio/mixer/v1/report.proto \
  Protos/istio/mixer/v1/check.proto Protos/google/rpc/status.proto
protoc --c_out="$work" -I/usr/include /usr/include/google/protobuf/{duration,timestamp,any}.proto
rm -rf "$target/include" "$target/generated"
mkdir -p "$target/include" "$target/generated"
(cd "$work" && find . -name '*.pb-c.h' -exec cp --parents {} "$OLDPWD/$target/include/" \;)
(cd "$work" && find . -name '*.pb-c.c' -exec cp --parents {} "$OLDPWD/$target/generated/" \;)
echo "generated $(find "$target" -name '*.pb-c.*' | wc -l) files under $target"
