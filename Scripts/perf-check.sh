#!/usr/bin/env bash
# CI performance check: instructions per record of the library's main
# operations and of the command as users run it, counted by valgrind's
# callgrind (repeatable, unlike time), held against the budgets committed in
# Benchmarks/instruction-budget.tsv. Fails (exit 1) when an operation costs
# more than 25% over its budget.
#
#   bash Scripts/perf-check.sh            # check
#   bash Scripts/perf-check.sh --update   # set every budget to this measurement
#
# Each library operation (Benchmarks/Sources/InstructionCounts) runs twice on
# the same generated workload of 2N records, processing N records, then all
# 2N: the difference over N is the work per record, without start-up or
# generation. Each command operation (command-*) runs `mixerdecode --jobs 1`
# on files of N and of 2N records of Report 1.1 HTTP batches
# (Benchmarks/Sources/WorkloadFiles): the difference over N is what a record
# costs the command, without start-up or building Mixer's configuration.
# Counts depend on the compiler, so a new toolchain needs --update.
# Needs valgrind (bash Scripts/install-test-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

budget_file=Benchmarks/instruction-budget.tsv
operations=(decode resolve check log ndjson evaluate ndjson-mixed evaluate-mixed)
# The command: name, then its arguments before the input file's name (in the workload's directory).
declare -A commands=(
  [command-summary]="--summary http.grpc"
  [command-ndjson]="-o ndjson http.grpc"
  [command-text]="-o text http.grpc"
  [command-log]="-o ndjson http.log"
)
command_operations=(command-summary command-ndjson command-text command-log)
# Records per run: whole Report batches of 100. Large enough that per-run
# constants (first-use table set-up, buffer growth) are a small share.
records=200
# Allowed excess over a budget, in percent: counts repeat exactly on one
# machine, but libc picks memcpy and friends by CPU, so another x86 model may
# count a few percent differently; a real regression (a quadratic path, a
# lost fast path) costs far more than this.
tolerance=25

update=false
case "${1:-}" in
  "") ;;
  --update) update=true ;;
  *) echo "usage: $0 [--update]" >&2; exit 2 ;;
esac
command -v valgrind >/dev/null || { echo "perf-check: valgrind is missing: bash Scripts/install-test-deps.sh" >&2; exit 2; }

# SwiftPM's cache of a path dependency can miss files added to the library
# since the last build: start clean once if the build fails.
build() {
  for product in InstructionCounts WorkloadFiles mixerdecode; do
    swift build -c release --package-path Benchmarks --scratch-path .build-bench --product "$product" || return 1
  done
}
build || { swift package --package-path Benchmarks --scratch-path .build-bench clean && build; }
binary=.build-bench/release/InstructionCounts

# Swift seeds its hashing at random per process; a fixed seed makes the work
# of dictionaries and sets the same in every run.
export SWIFT_DETERMINISTIC_HASHING=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Debian 12's valgrind gives up on the DWARF 5 that clang writes for Yams's
# libyaml (which MixerConfig links): count a copy without debug information.
command -v strip >/dev/null || { echo "perf-check: strip is missing: bash Scripts/install-test-deps.sh" >&2; exit 2; }
strip --strip-debug -o "$work/InstructionCounts" "$binary"
binary="$work/InstructionCounts"
strip --strip-debug -o "$work/mixerdecode" .build-bench/release/mixerdecode
for size in "$records" $((2 * records)); do
  .build-bench/release/WorkloadFiles "$work/files-$size" --records "$size" >/dev/null
done

# Prints the instructions callgrind counted for one run of InstructionCounts
# (OPERATION PROCESSED GENERATED), or of the command (command-* RECORDS).
count() {
  local log="$work/$1-$2.log"
  local run=("$binary" "$@")
  if [ -n "${commands[$1]:-}" ]; then
    read -r -a arguments <<<"${commands[$1]}"
    local file="${arguments[-1]}"
    unset 'arguments[-1]'
    run=("$work/mixerdecode" --jobs 1 "${arguments[@]}" "$work/files-$2/$file")
  fi
  if ! valgrind --tool=callgrind --callgrind-out-file=/dev/null "${run[@]}" >/dev/null 2>"$log"; then
    echo "perf-check: ${run[*]} failed:" >&2
    cat "$log" >&2
    return 1
  fi
  local collected
  collected=$(awk '/Collected :/ { print $NF }' "$log")
  if [[ ! "$collected" =~ ^[0-9]+$ ]]; then
    echo "perf-check: no instruction count from callgrind for InstructionCounts $*:" >&2
    cat "$log" >&2
    return 1
  fi
  echo "$collected"
}

declare -A measured
for operation in "${operations[@]}" "${command_operations[@]}"; do
  # The two runs at once: the machine has two cores, and counts do not depend on timing.
  if [ -n "${commands[$operation]:-}" ]; then
    count "$operation" "$records" >"$work/$operation.small" &
    small_run=$!
    count "$operation" $((2 * records)) >"$work/$operation.large" &
    large_run=$!
  else
    count "$operation" "$records" $((2 * records)) >"$work/$operation.small" &
    small_run=$!
    count "$operation" $((2 * records)) $((2 * records)) >"$work/$operation.large" &
    large_run=$!
  fi
  wait "$small_run"
  wait "$large_run"
  small=$(<"$work/$operation.small")
  large=$(<"$work/$operation.large")
  measured[$operation]=$(((large - small + records / 2) / records))
done

budget_of() {
  [ -f "$budget_file" ] && awk -F'\t' -v operation="$1" '!/^#/ && $1 == operation { print $2 }' "$budget_file"
}

failures=()
notes=()
printf '%-16s %14s %14s %7s\n' operation measured budget ratio
operations+=("${command_operations[@]}")
for operation in "${operations[@]}"; do
  budget=$(budget_of "$operation" || true)
  if [ -z "$budget" ]; then
    printf '%-16s %14s %14s %7s\n' "$operation" "${measured[$operation]}" "-" "-"
    failures+=("$operation has no budget in $budget_file")
    continue
  fi
  ratio=$(awk -v m="${measured[$operation]}" -v b="$budget" 'BEGIN { printf "%.3f", m / b }')
  printf '%-16s %14s %14s %7s\n' "$operation" "${measured[$operation]}" "$budget" "$ratio"
  if ((measured[$operation] * 100 > budget * (100 + tolerance))); then
    failures+=("$operation costs ${measured[$operation]} instructions per record, ${ratio}x its budget of $budget (at most $((100 + tolerance))% allowed)")
  elif ((measured[$operation] * 100 < budget * (100 - tolerance))); then
    notes+=("$operation is more than $tolerance% under its budget: --update keeps the gain from being given back")
  fi
done
echo "(instructions per record, callgrind; $records and $((2 * records)) records of the same workload, difference over $records)"

# Issue 12's bound: evaluating Mixer's configuration adds at most twice
# what decoding with diagnostics costs, on each workload.
for workload in "ndjson evaluate" "ndjson-mixed evaluate-mixed"; do
  read -r base evaluated <<<"$workload"
  added=$(awk -v e="${measured[$evaluated]}" -v b="${measured[$base]}" 'BEGIN { printf "%.2f", (e - b) / b }')
  echo "$evaluated adds ${added}x $base (at most 2x allowed)"
  if ((measured[$evaluated] > 3 * measured[$base])); then
    failures+=("$evaluated adds ${added}x the cost of $base: more than the 2x evaluation may add")
  fi
done
# Issue 13's bound on text output: at least half the speed of NDJSON, so at
# most twice its instructions per record.
text_ratio=$(awk -v t="${measured[command-text]}" -v n="${measured[command-ndjson]}" 'BEGIN { printf "%.2f", t / n }')
echo "command-text costs ${text_ratio}x command-ndjson (at most 2x allowed)"
if ((measured[command-text] > 2 * measured[command-ndjson])); then
  failures+=("text output costs ${text_ratio}x NDJSON: it must run at least half as fast")
fi
for note in "${notes[@]}"; do echo "perf-check: note: $note"; done

if $update; then
  swift_version=$(swift --version 2>/dev/null | sed -n 's/.*Swift version \([0-9.]*\).*/Swift \1/p' | head -1)
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo "no git")
  git diff --quiet HEAD 2>/dev/null || commit="$commit + uncommitted changes"
  {
    echo "# Budgets of Scripts/perf-check.sh: instructions per record of each operation"
    echo "# (Benchmarks/Sources/InstructionCounts), counted by callgrind on a release build."
    echo "# The check fails when one costs more than $tolerance% over its budget. Written by"
    echo "# bash Scripts/perf-check.sh --update: budget = what was measured, on the given date and code."
    printf 'operation\tinstructions_per_record\tmeasured_on\n'
    for operation in "${operations[@]}"; do
      printf '%s\t%s\t%s\n' "$operation" "${measured[$operation]}" "$(date -u +%F), $commit, $swift_version"
    done
  } >"$budget_file"
  echo "perf-check: wrote $budget_file"
  exit 0
fi

if ((${#failures[@]} > 0)); then
  for failure in "${failures[@]}"; do echo "perf-check: FAIL: $failure" >&2; done
  echo "perf-check: if that is intended (new work, a new operation, a new toolchain), run bash Scripts/perf-check.sh --update and commit $budget_file" >&2
  exit 1
fi
echo "perf-check: no operation more than $tolerance% over its budget"
