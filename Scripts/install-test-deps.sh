#!/usr/bin/env bash
# Installs what the tests need beyond the Swift toolchain, only if missing:
#   protoc (protobuf-compiler) - the corpus tests check that every Corpus/*.bin
#                                is exactly what protoc encodes from its .txtpb,
#                                and print the DebugString text of the log tests;
#   libprotobuf-c-dev          - the differential test (Oracle/) decodes every
#                                input with protobuf-c too;
#   valgrind                   - the adversarial tests count instructions
#                                (callgrind) to bound the work per input size;
#   zlib1g-dev                 - the command reads gzip-compressed rotated logs
#                                through the system's zlib (it is needed to build);
#   gzip                       - the tests compress a kubelet log tree with it;
#   python3                    - Scripts/check-sizes.py holds the sources to the size rules;
#   binutils (strip)           - the adversarial tests run callgrind on a copy of the command
#                                without debug info (valgrind 3.19 cannot read its DWARF 5);
#   prometheus (promtool too)  - the Prometheus tests check `metrics -o prom` with promtool, and
#                                backfill `-o openmetrics` into a TSDB that a loopback server queries.
#                                The package's own systemd unit is not used (the tests start a server).
# Runs as root (CI, containers) or through sudo.
set -euo pipefail

packages=()
command -v protoc >/dev/null 2>&1 || packages+=(protobuf-compiler)
[ -f /usr/include/google/protobuf/timestamp.proto ] || packages+=(libprotobuf-dev)
[ -f /usr/include/protobuf-c/protobuf-c.h ] || packages+=(libprotobuf-c-dev)
command -v valgrind >/dev/null 2>&1 || packages+=(valgrind)
[ -f /usr/include/zlib.h ] || packages+=(zlib1g-dev)
command -v gzip >/dev/null 2>&1 || packages+=(gzip)
command -v python3 >/dev/null 2>&1 || packages+=(python3)
command -v strip >/dev/null 2>&1 || packages+=(binutils)
{ command -v promtool && command -v prometheus; } >/dev/null 2>&1 || packages+=(prometheus)

if ((${#packages[@]} == 0)); then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "installing: ${packages[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
