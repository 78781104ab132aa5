#!/usr/bin/env bash
# Builds the libFuzzer targets (Fuzz/) with AddressSanitizer and runs each for
# SECONDS seconds, seeded from Corpus/. A crash leaves crash-* files in
# .build-fuzz/findings/TARGET/ and exits non-zero: turn each into a Corpus
# file and a unit test.
#
#   bash Scripts/fuzz.sh [SECONDS] [TARGET ...]     (default: 60 seconds, both targets)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
((${#targets[@]})) || targets=(FuzzWireDecoder FuzzLogReader)

# --sanitize=fuzzer makes SwiftPM drop its own main; the comma-joined list is
# the only way both sanitizers reach the compiler (given as two
# --sanitize flags, only the last one reaches it, and coverage is lost).
build() {
  swift build -c release --package-path Fuzz --scratch-path .build-fuzz \
    --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address --product "$1"
}
for target in "${targets[@]}"; do
  # SwiftPM's cache of a path dependency can miss files added to it since
  # the last build: start clean once if the build fails.
  build "$target" || { swift package --package-path Fuzz --scratch-path .build-fuzz clean && build "$target"; }
done

for target in "${targets[@]}"; do
  seeds=".build-fuzz/seeds/$target"
  findings=".build-fuzz/findings/$target"
  mkdir -p "$seeds" "$findings"
  if [ "$target" = FuzzLogReader ]; then
    cp Corpus/logs/*.log Corpus/text/* "$seeds"/ 2>/dev/null || true
  else
    cp Corpus/binary/*.bin Corpus/frames/*.grpc Corpus/broken/*.bin Corpus/broken/*.grpc Corpus/examples/*.grpc "$seeds"/
  fi
  echo "== $target for ${seconds}s"
  SWIFT_BACKTRACE=enable=no ".build-fuzz/release/$target" -max_total_time="$seconds" -max_len=65536 \
    -artifact_prefix="$findings/" -print_final_stats=1 "$seeds"
done
