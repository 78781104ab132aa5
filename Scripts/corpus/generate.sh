#!/bin/sh
# Regenerate Corpus/ (everything but Corpus/README.md) and check it with protoc.
#
#   Scripts/corpus/generate.sh
#
# Needs python3 (standard library only) and protoc (Debian/Ubuntu:
# apt-get install protobuf-compiler; macOS: brew install protobuf). protoc
# must find google/protobuf/timestamp.proto; set PROTOC_INCLUDE to the
# directory that holds google/ if it is not /usr/include.
set -eu

cd "$(dirname "$0")/../.."

if ! command -v protoc >/dev/null 2>&1; then
    echo "generate.sh: protoc not found; install it (Debian/Ubuntu: apt-get install protobuf-compiler)" >&2
    exit 1
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "generate.sh: python3 not found" >&2
    exit 1
fi
INC=${PROTOC_INCLUDE:-/usr/include}
if [ ! -f "$INC/google/protobuf/timestamp.proto" ]; then
    echo "generate.sh: $INC/google/protobuf/timestamp.proto not found; set PROTOC_INCLUDE" >&2
    exit 1
fi
export PROTOC_INCLUDE="$INC"

echo "protoc: $(protoc --version)"

# The schema must compile on its own.
protoc -IProtos -I"$INC" --descriptor_set_out=/dev/null Protos/istio/mixer/v1/*.proto
protoc -IScripts/corpus --descriptor_set_out=/dev/null wire_view.proto

python3 Scripts/corpus/generate.py

# Every good binary must decode with the real schema (unknown fields, odd
# map entries and unknown enum numbers included).
status=0
count=0
for f in Corpus/binary/*.bin; do
    name=$(basename "$f" .bin)
    case "$name" in
        report-*)     type=istio.mixer.v1.ReportRequest; file=istio/mixer/v1/report.proto ;;
        check-response-*) type=istio.mixer.v1.CheckResponse; file=istio/mixer/v1/check.proto ;;
        check-*)      type=istio.mixer.v1.CheckRequest;  file=istio/mixer/v1/check.proto ;;
        attributes-*) type=istio.mixer.v1.Attributes;    file=istio/mixer/v1/attributes.proto ;;
        *) echo "generate.sh: cannot tell the message type of $f" >&2; status=1; continue ;;
    esac
    if protoc --decode="$type" -IProtos -I"$INC" "$file" < "$f" > /dev/null; then
        count=$((count + 1))
    else
        echo "generate.sh: protoc --decode=$type failed on $f" >&2
        status=1
    fi
done
echo "protoc --decode: $count binaries OK"

# Envoy debug-log inputs (Corpus/logs): protoc --decode prints every dump
# from the binaries above, so this runs last.
python3 Scripts/corpus/generate_logs.py || status=1
# The fleet examples (shippers' JSON, a kubelet tree) print the same binaries.
python3 Scripts/corpus/generate_fleet.py || status=1
exit $status
