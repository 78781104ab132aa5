"""Logs that stress the reader: binary garbage between dumps, 500 nested
blocks, and 2000 small Checks."""

import hashlib

from ..bookinfo import uid
from ..compress import make_check
from ..values import S, TS
from .damaged import note, record_spans
from .dumps import built_check, src
from .envoy_lines import GRPC, report_response, SITES_11, stats_flush
from .layout import at, Layout
from .log import Log


def noise(seed, n):
    out = b""
    i = 0
    while len(out) < n:
        out += hashlib.sha256(b"%s-%d" % (seed, i)).digest()
        i += 1
    return out[:n]


def log_garbage():
    log = Log(Layout("1.1"))
    s = SITES_11
    log.raw(b"\x00\x00\x00\x00\x1f\x8b\x08\x00" + noise(b"head", 90).replace(b"\n", b"\x0b"), None, "stderr")
    log.raw("$ kubectl logs details-v1-6764bbc7f7-2mzxl -c istio-proxy | grep -A200 'Sending Report request'",
            None, "stderr")
    ns = at("2019-05-20T08:12:22.995118Z")
    log.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", src("report-1.1-healthy-http"))
    blob = noise(b"middle", 600)
    for chunk in blob.split(b"\n"):
        log.raw(chunk, None, "stderr")
    log.raw("lorem ipsum dolor sit amet } { attributes", None, "stderr")
    log.raw("\u00e9t\u00e9 \u2603 \ufffd -- tail -f /var/log/istio/istio.log", None, "stderr")
    log.raw("--", None, "stderr")
    log.dump(ns + 52000, "grpc", "%s:%d" % (GRPC, s.send), "Sending Check request: ", src("check-1.1"))
    log.raw(b"\xff\xfe\xfd" + noise(b"tail", 200).replace(b"\n", b" "), None, "stderr")
    log.raw("Report response: ", None, "stderr")
    log.dump(ns + 2410000, "grpc", "%s:%d" % (GRPC, s.response), "Check response: ", src("check-response-1.1"))
    log.raw(noise(b"end", 64).replace(b"\n", b"\r"), None, "stderr")
    log.write("garbage")
    return log


def log_deep_nesting():
    log = Log(Layout("1.1"))
    s = SITES_11
    item = src("report-1.1-http")
    lines, spans = record_spans(item.text)
    a, b = spans[1]
    # Before the first map of record 1 ... no: after its string_maps, just
    # before the record closes: 500 nested `x {` blocks, then 500 `}`.
    depth = 500
    deep = ["  " + "  " * d + "x {" for d in range(depth)] + \
           ["  " + "  " * d + "}" for d in reversed(range(depth))]
    lines = lines[:b] + deep + lines[b:]
    ns = at("2019-05-20T08:12:21.140017Z")
    e = log.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", item, lines=lines)
    note("deep-nesting", "unknown field `x` in record 1 (opens 500 nested blocks)", e["line"] + b, 3)
    lim = [f for f in e["findings"] if f["code"] == "limit-exceeded"][0]
    note("deep-nesting", "the block that opens nesting level 101 (record 1 = level 1)", lim["line"], lim["column"])
    ns = at("2019-05-20T08:12:22.995118Z")
    log.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", src("report-1.1-healthy-http"))
    report_response(log, ns + 3160000, s)
    log.write("deep-nesting")
    return log


def tiny_checks():
    """Ten small distinct Checks (details, inbound), cycled."""
    out = []
    for i in range(10):
        rec = {
            "context.protocol": S("http"),
            "destination.service.host": S("details.default.svc.cluster.local"),
            "request.id": S("%08x-1b3d-4f5a-87c9-2d4f6a8c0e%02d" % (0x5eed0000 + i, i)),
            "request.path": S("/details/%d" % i),
            "request.time": TS("2019-05-20T08:13:00.%09dZ" % (i * 100000007)),
            "source.uid": S(uid("productpage")),
        }
        msg = make_check("tiny-%d" % i, 221, rec, "", [])
        out.append(built_check(msg))
    return out


def log_many_tiny():
    log = Log(Layout("1.1"))
    s = SITES_11
    checks = tiny_checks()
    ns = at("2019-05-20T08:13:00.000000Z")
    for i in range(2000):
        t = ns + i * 2500000
        log.dump(t, "grpc", "%s:%d" % (GRPC, s.send), "Sending Check request: ", checks[i % 10], source=False,
                 tid=23 + i % 4)
        if i % 100 == 99:
            stats_flush(log, t + 1000000)
    log.write("many-tiny", compact=True)
    return log
