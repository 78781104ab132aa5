"""The logs of the 1.2 to 1.7 layouts: padded thread ids with forward
attributes, the Epoch prefix, the tab-separated 1.6/1.7 layout and
Utf8DebugString."""

import base64

from ..scenarios_edge import scenario_odd_values
from .dumps import built_attributes, protoc_decode, src
from .envoy_lines import (CLIENT_CTX, CM, FILTER, GRPC, HEADER_UPDATE, inbound_http, mixer_route,
                          POOL, report_response, ROUTER, SITES_11, SITES_16, TCP)
from .expect_dump import expect_dump, same_as_source
from .expect_records import Located
from .layout import at, Layout
from .log import Log, order
from .utf8 import utf8_debug_string


def log_12():
    """productpage (1.2, zero-padded thread ids): forward attributes, and the
    Report batches with decode-level findings."""
    log = Log(Layout("1.2", tid_width=3))
    s = SITES_11
    log.pilot(at("2019-05-20T08:12:18.884215Z"), "info", "Envoy proxy is ready")
    ns = at("2019-05-20T08:12:20.130804Z")
    log.envoy(ns, "router", "%s:%d" % (ROUTER, s.router),
              "[C7][S3315468701237714201] cluster 'outbound|9080||details.default.svc.cluster.local' "
              "match for URL '/details/0'", tid=31)
    data = src("attributes-uncompressed")
    b64 = base64.b64encode(data.data).decode("ascii")
    first = len(log.lines) + 1
    head, stamp = log.layout.prefix(ns + 14000, 31, "debug", "filter", "%s:%d" % (HEADER_UPDATE, 46))
    log.raw(head + "Mixer forward attributes set: " + b64, ns + 14000, "stderr")
    fwd = {"line": first, "logTime": stamp, "source": data.path}
    fwd.update(expect_attributes_from_base64(b64, data))
    log.dumps.append(order(fwd))
    for name, when in [("report-1.1-http", "2019-05-20T08:12:21.140017Z"),
                       ("report-record-words", "2019-05-20T08:15:12.604452Z"),
                       ("report-duplicates", "2019-05-20T08:16:42.301977Z"),
                       ("report-unknown-semantics", "2019-05-20T08:17:03.550210Z"),
                       ("report-unknown-fields", "2019-05-20T08:17:30.000917Z")]:
        ns = at(when)
        log.envoy(ns - 2200000, "pool", "%s:%d" % (POOL, 97), "[C9] using existing connection", tid=23)
        log.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", src(name), tid=23)
        mixer_route(log, ns + 150000, "Report", tid=23, sites=s)
        report_response(log, ns + 3600000, s, tid=23)
    log.write("envoy-1.2-padded-thread")
    return log


def expect_attributes_from_base64(b64, item):
    """A `Mixer forward attributes set:` line: base64 of an Attributes message.
    Decoded here with base64 + protoc, then read as text."""
    data = base64.b64decode(b64)
    assert data == item.data
    text = protoc_decode("attributes", data)
    obj = expect_dump("attributes", text[:-1].split("\n"), Located(0, 0), False)
    same_as_source(obj, item.expected, "forward attributes")
    return obj


def odd_records():
    return scenario_odd_values()["symbolic"]


def log_14():
    """details (1.4, behind `[Envoy (Epoch 0)] `): odd values, the 111-word fallback."""
    log = Log(Layout("1.4"))
    s = SITES_11
    log.pilot(at("2019-10-14T13:40:05.113948Z"), "info", "Envoy proxy is ready")
    ns = at("2019-10-14T13:40:09.125000000Z") - 200000
    nxt = inbound_http(log, ns, 12, 6655223001871944012, "/details/0", "details:9080", "curl/7.64.1",
                       "0a1b2c3d-4e5f-9a7b-8c9d-0e1f2a3b4c5d", sites=s, tid=22)
    log.dump(nxt + 1500000, "filter", None, "[%s:145] Report attributes: " % CLIENT_CTX,
             built_attributes(odd_records()[1]), cut=255, tid=22)
    ns = at("2019-10-14T13:40:10.012733Z")
    log.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", src("report-odd-values"), tid=22)
    report_response(log, ns + 2900000, s, tid=22)
    log.pilot(at("2019-10-14T13:40:11.000251Z"), "warn",
              "Envoy may have been out of memory killed. Check memory usage and limits.")
    ns = at("2019-10-14T13:40:12.588020Z")
    log.envoy(ns - 900000, "grpc", "%s:%d" % (GRPC, s.response + 8),
              "Report failed with code: 2, inconsistent global dictionary versions used: mixer knows 221 words, caller knows 222",
              tid=22)
    log.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", src("report-fallback-111"), tid=22)
    report_response(log, ns + 3100000, s, tid=22)
    log.write("envoy-1.4-epoch")
    return log


def log_16(layout_release="1.6", name="envoy-1.6"):
    """ratings-v2 (1.6 / 1.7 layout): the mixed HTTP/TCP batch and a denied Check."""
    log = Log(Layout(layout_release))
    s = SITES_16
    log.pilot(at("2019-10-14T13:40:06.000113Z"), "info", "Envoy proxy is ready")
    ns = at("2019-10-14T13:40:07.410983120Z") - 140000
    log.envoy(ns, "http", "%s:%d" % (CM, s.cm_new), "[C21][S12016603218813547741] new stream", tid=None)
    log.envoy(ns + 40000, "filter", "%s:%d" % (FILTER, s.filter - 32), "Called Mixer::Filter : decodeHeaders")
    log.dump(ns + 2400000, "grpc", "%s:%d" % (GRPC, s.response), "Check response: ", src("check-response-denied"))
    log.envoy(ns + 2430000, "filter", "%s:%d" % (FILTER, s.filter),
              "Called Mixer::Filter : check complete PERMISSION_DENIED:denyreviewsv3.denier.istio-system:Not allowed")
    log.raw('[2019-10-14T13:40:07.410Z] "GET /ratings/0 HTTP/1.1" 403 UAEX "-" "-" 0 82 2 - "-" '
            '"Apache-CXF/3.1.18" "93e1c5a7-2d4f-9b6e-80a2-c4e6a8b0d2f5" "ratings:9080" "-" - - '
            '10.244.1.21:9080 10.244.2.13:39744 outbound_.9080_.v2_.ratings.default.svc.cluster.local',
            ns + 2500000, "stdout")
    log.envoy(ns + 2600000, "filter", "%s:%d" % (TCP, 362),
              "[C22] Creating connection to cluster outbound|27017||mongodb.default.svc.cluster.local")
    ns = at("2019-10-14T13:40:08.412044Z")
    log.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", src("report-1.3-mixed"))
    log.envoy(ns + 120000, "router", "%s:%d" % (ROUTER, s.router),
              "[C0][S7211346660918224021] cluster 'outbound|9091||istio-telemetry.istio-system.svc.cluster.local' "
              "match for URL '/istio.mixer.v1.Mixer/Report'")
    report_response(log, ns + 2700000, s)
    log.write(name)
    return log


def log_utf8():
    """One dump as C++ Utf8DebugString would print it (1.6 layout)."""
    log = Log(Layout("1.6"))
    s = SITES_16
    item = src("report-odd-values")
    text = utf8_debug_string(item.text, item.message)
    assert text != item.text and "日本" in text
    ns = at("2019-10-14T13:40:10.012733Z")
    log.pilot(ns - 5000000000, "info", "Envoy proxy is ready")
    entry = log.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", item,
                     lines=text[:-1].split("\n"), source=True)
    same_as_source(entry, item.expected, "utf8 variant")
    report_response(log, ns + 2900000, s)
    log.write("utf8-debugstring")
    return log
