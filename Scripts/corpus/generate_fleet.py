#!/usr/bin/env python3
"""Regenerate Corpus/logs/fleet/: the examples of README.md's "Fleet logs".

The dumps are printed by `protoc --decode` from Corpus/binary/*.bin (what
C++ DebugString prints, as Envoy logs it), in Istio 1.1's line layout, and
wrapped the way the tools write them:

- fluent-bit.log: one node's Fluent Bit output (tail input with the docker
  parser, kubernetes filter, stdout json_lines): the istio-proxy containers
  of productpage and details, line by line interleaved, and their
  application containers;
- pods/: the same node's /var/log/pods as containerd writes it (CRI lines),
  productpage's dump in a rotated, gzip-compressed file.

Python 3 standard library and protoc only. Deterministic: fixed times,
gzip with mtime 0.

    python3 Scripts/corpus/generate_fleet.py
"""

import gzip
import json
import os
import subprocess

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
FLEET = os.path.join(ROOT, "Corpus", "logs", "fleet")
INCLUDE = os.environ.get("PROTOC_INCLUDE", "/usr/include")

HEADER = "[2019-05-20 08:12:{second:06.3f}][23][debug][{logger}] [src/envoy/utils/grpc_transport.cc:45] "
MARKERS = {"report": "Sending Report request: ", "check": "Sending Check request: ", "check-response": "Check response: "}
TYPES = {
    "report": ("istio.mixer.v1.ReportRequest", "istio/mixer/v1/report.proto"),
    "check": ("istio.mixer.v1.CheckRequest", "istio/mixer/v1/check.proto"),
    "check-response": ("istio.mixer.v1.CheckResponse", "istio/mixer/v1/check.proto"),
}

PODS = {
    "productpage": {"name": "productpage-v1-54b8b9f55-bx2dq", "uid": "5f3c1e2a-7b1f-11e9-8f9e-2a86e4085a59",
                    "app": "productpage", "docker_id": "9d2b41c7e0a5"},
    "details": {"name": "details-v1-6764bbc7f7-2mzxl", "uid": "8c5e6a3e-7b1f-11e9-8f9e-2a86e4085a59",
                "app": "details", "docker_id": "4f2c8e1b7a93"},
}


def debug_string(name):
    kind = "check-response" if name.startswith("check-response") else name.split("-")[0]
    type_name, proto = TYPES[kind]
    with open(os.path.join(ROOT, "Corpus", "binary", name + ".bin"), "rb") as f:
        data = f.read()
    text = subprocess.run(["protoc", "--decode=" + type_name, "-I" + os.path.join(ROOT, "Protos"), "-I" + INCLUDE, proto],
                          input=data, stdout=subprocess.PIPE, check=True).stdout.decode("ascii")
    return kind, text.rstrip("\n").split("\n")


def envoy_log(names, start_second):
    """Envoy's lines for the dumps of `names`: each led by an unrelated line, ended by Envoy's blank line."""
    lines = []
    second = start_second
    for name in names:
        kind, dump = debug_string(name)
        lines.append(HEADER.format(second=second, logger="router") + "[C12][S345] cluster 'outbound|9080||details' match")
        lines.append(HEADER.format(second=second + 0.001, logger="grpc") + MARKERS[kind] + dump[0])
        lines += dump[1:]
        lines.append("")
        lines.append(HEADER.format(second=second + 0.002, logger="http") + "[C12][S345] request end stream")
        second += 0.5
    return lines


def app_log(app):
    return [f"INFO:werkzeug:10.244.1.1 - - [20/May/2019 08:12:{20 + i}] \"GET /{app} HTTP/1.1\" 200 -" for i in range(4)]


def interleave(*logs):
    out = []
    for index in range(max(len(log) for log in logs)):
        out += [log[index] for log in logs if index < len(log)]
    return out


def fluent_bit(line, pod, container, stream="stderr"):
    record = {
        "date": 1558340000.125366, "log": line + "\n", "stream": stream, "time": "2019-05-20T08:13:20.125366Z",
        "kubernetes": {
            "pod_name": pod["name"], "namespace_name": "default", "pod_id": pod["uid"],
            "labels": {"app": pod["app"], "version": "v1"}, "host": "node-1", "container_name": container,
            "docker_id": pod["docker_id"], "container_image": "docker.io/istio/proxyv2:1.1.7"
            if container == "istio-proxy" else "docker.io/istio/examples-bookinfo-%s-v1:1.10.1" % pod["app"],
        },
    }
    return json.dumps(record, separators=(",", ":"))


def cri(lines, stream="stderr"):
    return "".join(f"2019-05-20T08:13:20.125366Z {stream} F {line}\n" for line in lines)


def write(path, text):
    path = os.path.join(FLEET, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    data = text.encode("utf-8")
    if path.endswith(".gz"):
        data = gzip.compress(data, mtime=0)
    with open(path, "wb") as f:
        f.write(data)


def main():
    productpage = envoy_log(["report-1.1-productpage-outbound"], 20.1)
    details = envoy_log(["check-1.1", "check-response-1.1", "report-1.1-healthy-http"], 20.2)
    shipped = interleave(
        [fluent_bit(line, PODS["productpage"], "istio-proxy") for line in productpage],
        [fluent_bit(line, PODS["details"], "istio-proxy") for line in details],
        [fluent_bit(line, PODS["productpage"], "productpage", "stdout") for line in app_log("productpage")],
        [fluent_bit(line, PODS["details"], "details", "stdout") for line in app_log("details")],
    )
    write("fluent-bit.log", "\n".join(shipped) + "\n")

    def directory(pod, container):
        return "pods/default_%s_%s/%s/" % (PODS[pod]["name"], PODS[pod]["uid"], container)

    # productpage's dump is in the rotated, compressed file; its live file has only Envoy's other lines.
    write(directory("productpage", "istio-proxy") + "0.log.20190520-081220.gz", cri(productpage))
    write(directory("productpage", "istio-proxy") + "0.log", cri([line for line in productpage[-1:]] * 3))
    write(directory("productpage", "productpage") + "0.log", cri(app_log("productpage"), "stdout"))
    write(directory("details", "istio-proxy") + "0.log", cri(details))
    write(directory("details", "details") + "0.log", cri(app_log("details"), "stdout"))


if __name__ == "__main__":
    main()
