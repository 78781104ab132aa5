#!/usr/bin/env bash
# The library's unsafe fast paths against their safe alternatives (Span,
# RawSpan, Array): instructions per kernel, counted by callgrind on the same
# bytes (repeatable on a busy machine), then wall-clock MB/s (best of 9).
# docs/performance.md records the result and what the library kept.
#
#   bash Scripts/span-comparison.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "span-comparison: valgrind is missing: bash Scripts/install-test-deps.sh" >&2; exit 2; }
# SwiftPM's cache of a path dependency can miss files added to the library
# since the last build: start clean once if the build fails.
build() { swift build -c release --package-path Benchmarks --scratch-path .build-bench --product SpanComparison >&2; }
build || { swift package --package-path Benchmarks --scratch-path .build-bench clean >&2 && build; }
binary=.build-bench/release/SpanComparison
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
kernels=(newlinesUnsafe newlinesSafe fieldsUnsafe fieldsSafe dottedUnsafe dottedSafe tableUnsafe tableSafe)
count() {
    valgrind --tool=callgrind --callgrind-out-file="$out/$1.out" --toggle-collect="*$1*" "$binary" once >/dev/null 2>"$out/$1.err"
    grep -E '^summary:|^totals:' "$out/$1.out" | head -1 | awk '{print $2}'
}
echo "| kernel | unsafe instructions | safe instructions | safe / unsafe |"
echo "|---|---|---|---|"
for ((i = 0; i < ${#kernels[@]}; i += 2)); do
    unsafe=$(count "${kernels[i]}")
    safe=$(count "${kernels[i+1]}")
    echo "| ${kernels[i]} vs ${kernels[i+1]} | $unsafe | $safe | $(awk -v a="$safe" -v b="$unsafe" 'BEGIN { printf "%.2f", a / b }') |"
done
echo
"$binary"
