#!/usr/bin/env bash
# Where the command's instructions go: runs `mixerdecode` (release, one job)
# under valgrind's callgrind on the benchmark's inputs (1 MB of Report 1.1
# HTTP batches, as gRPC frames and as an Envoy log) and splits the count
# by stage, per record:
#
#   reading      process start, arguments, reading the file, framing or
#                finding dumps (everything not below)
#   decode       decoding (or parsing the DebugString) and resolving
#   diagnose     the diagnostic rules
#   evaluate     Mixer's configuration evaluated on every record
#   config       building Mixer's configuration once (YAML), whatever the input's size
#   summary      the diagnosis by destination (text output, --summary)
#   render       text or JSON rendering
#   write        the ordered writing of the output
#
#   bash Scripts/profile-command.sh            # the table
#   bash Scripts/profile-command.sh --keep DIR # also keep callgrind's files in DIR
# Needs valgrind (bash Scripts/install-test-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
keep=""
[ "${1:-}" = "--keep" ] && keep="${2:?--keep DIR}"

build() {
  swift build -c release --package-path Benchmarks --scratch-path .build-bench --product mixerdecode &&
  swift build -c release --package-path Benchmarks --scratch-path .build-bench --product WorkloadFiles
}
build >/dev/null || { swift package --package-path Benchmarks --scratch-path .build-bench clean && build >/dev/null; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.build-bench/release/WorkloadFiles "$work" 1.0 >"$work/sizes"
records=$(awk '$1 == "records" { print $2 }' "$work/sizes")
# Debian 12's valgrind cannot read the DWARF 5 of Yams's libyaml: count a copy without it.
strip --strip-debug -o "$work/mixerdecode" .build-bench/release/mixerdecode
export SWIFT_DETERMINISTIC_HASHING=1

echo "instructions per record (callgrind; $records records of Report 1.1 HTTP batches; --jobs 1)"
printf '%-26s %9s %9s %9s %9s %9s %9s %9s %9s %9s\n' command total reading decode diagnose evaluate config summary render write
for case in "--summary http.grpc" "-o ndjson http.grpc" "-o text http.grpc" "-o ndjson http.log" "-o text http.log" \
            "--summary --no-evaluation http.grpc" "-o ndjson --no-evaluation http.log"; do
  read -r -a arguments <<<"$case"
  out="$work/callgrind.out"
  (cd "$work" && valgrind --tool=callgrind --callgrind-out-file="$out" ./mixerdecode --jobs 1 "${arguments[@]}" >/dev/null 2>"$work/valgrind.log") || true
  [ -n "$keep" ] && mkdir -p "$keep" && cp "$out" "$keep/callgrind.$(echo "$case" | tr ' ' '_')"
  callgrind_annotate --inclusive=yes "$out" 2>/dev/null | swift demangle --simplified >"$work/annotated"
  python3 - "$work/annotated" "$records" "$case" <<'PY'
import re, sys
path, records, case = sys.argv[1], int(sys.argv[2]), sys.argv[3]
counts = []
for line in open(path, errors="replace"):
    match = re.match(r"\s*([\d,]+) \([ \d.]+%\)\s+\S*?:(.*)", line)
    if match:
        counts.append((int(match.group(1).replace(",", "")), match.group(2)))
def inclusive(*patterns):
    # The largest inclusive count of a function whose name has the pattern
    # (a function and its specialisations or thunks nest; they do not add).
    return sum(max([count for count, name in counts if pattern in name] or [0]) for pattern in patterns)
total = inclusive("mixerdecode_main")
config = inclusive("ConfigurationsInForce.build(")
evaluate = inclusive("MixerEvaluator.evaluate(") - config
diagnose = inclusive("Diagnostics.apply(to:") - evaluate - config
decode = inclusive("BinaryInput.decodeMessage(", "LogDumpDecoder.decode(")
summary = inclusive("ServiceSummary.add(")
render = inclusive("RecordJSON.writeObjects(", "TextRenderer.renderUTF8(")
write = 0
reading = total - decode - diagnose - evaluate - config - summary - render - write
row = [total, reading, decode, diagnose, evaluate, config, summary, render, write]
print(f"{case:<26} " + " ".join(f"{value / records:9.0f}" for value in row))
PY
done
