"""Scenarios at the edges of values and dictionaries: odd values, the
111-word fallback, per-record words, indices past the count, a dictionary
newer than any release, unknown semantics, and uncompressed Attributes."""

from .bookinfo import http_record, ip_of, NS, TRACE_A, TRACE_B, TRACE_C, TRACE_D, uid
from .compress import make_report
from .expectations import ABSENT
from .mixer import finding
from .values import B, BY, D, DUR, I, IP4, IP6, IP_MAPPED, Raw, S, SM, TS


def scenario_odd_values():
    r0 = http_record("1.3", "inbound", "productpage", "details", "details", "/café/日本",
                     "2019-10-14T13:40:09.000000001Z", "-1.5s",
                     "0a1b2c3d-4e5f-9a7b-8c9d-0e1f2a3b4c5d", TRACE_A,
                     ua="curl/7.64\x1b[31m\x00evil\nline\tend",
                     dst_ip=IP4(ip_of("details")))
    r0["request.total_size"] = I(-1)
    r0["request.referer"] = S("")
    r0["request.query_params"] = SM({})
    r0["source.ip"] = IP6("fd00:10:244:1::f")
    r0["origin.ip"] = IP6("2001:db8:0:0:1:0:0:1")
    r0["request.time"] = TS("1969-07-20T20:17:40.5Z")
    r0["connection.duration"] = DUR("-0.5s")
    r0["odd.double.inf"] = D(float("inf"))
    r0["odd.double.ninf"] = D(float("-inf"))
    r0["odd.double.nan"] = D(float("nan"))
    r0["odd.double.tenth"] = D(0.1)
    r0["odd.int64.min"] = I(-(2**63))
    r0["odd.blob"] = BY(b"\x00\x01\xfe\xffistio\n")
    r0["odd.empty.bytes"] = BY(b"")
    r1 = dict(r0)
    r1["source.ip"] = BY(b"\x0a\xf4\x01\x0f\x00\x50")  # 6 bytes: not an address -> base64
    r1["destination.ip"] = IP6("::")
    r1["origin.ip"] = IP6("2001:db8::1")
    r1["odd.double.big"] = D(1e21)
    r1["response.duration"] = DUR("3s")
    r1["request.time"] = TS("2019-10-14T13:40:09.125Z")
    r1["response.time"] = TS("2019-10-14T13:40:09Z")
    r1["connection.duration"] = DUR("0s")
    return make_report(
        "report-odd-values", 222, [r0, r1], 1,
        description="Istio 1.3 values at the edges: UTF-8 path, control characters in the user "
                    "agent, negative and minimum int64, inf/-inf/nan/0.1 doubles in attributes "
                    "outside the manifest, IPv6 source.ip, 4-byte destination.ip, empty string, "
                    "empty string map, negative durations, a timestamp before 1970, bytes "
                    "outside the manifest, a 6-byte source.ip.",
        checks=[(0, "request.path", "/café/日本"),
                (0, "request.useragent", "curl/7.64\x1b[31m\x00evil\nline\tend"),
                (0, "request.total_size", -1), (0, "odd.int64.min", -(2**63)),
                (0, "odd.double.inf", "Infinity"), (0, "odd.double.ninf", "-Infinity"),
                (0, "odd.double.nan", "NaN"), (0, "odd.double.tenth", 0.1),
                (0, "source.ip", "fd00:10:244:1::f"), (0, "origin.ip", "2001:db8::1:0:0:1"),
                (0, "destination.ip", "10.244.1.17"), (0, "request.referer", ""),
                (0, "request.query_params", {}), (0, "response.duration", "-1.5s"),
                (0, "connection.duration", "-0.5s"),
                (0, "request.time", "1969-07-20T20:17:40.5Z"),
                (0, "odd.blob", "AAH+/2lzdGlvCg=="), (0, "odd.empty.bytes", ""),
                (1, "source.ip", "CvQBDwBQ"), (1, "destination.ip", "::"),
                (1, "origin.ip", "2001:db8::1"), (1, "odd.double.big", 1e21),
                (1, "odd.double.big", 1e21), (0, "odd.double.big", ABSENT),
                (1, "response.duration", "3s"), (1, "connection.duration", "0s"),
                (1, "request.time", "2019-10-14T13:40:09.125Z"),
                (1, "response.time", "2019-10-14T13:40:09Z"),
                (0, "request.time", "1969-07-20T20:17:40.5Z")])


def scenario_fallback_111():
    recs = [
        http_record("1.1", "inbound", "productpage", "details", "details", "/details/0",
                    "2019-05-20T08:14:02.510036117Z", "0.002715s",
                    "5c7e9a1b-3d5f-9b7d-a9e1-2b4d6f8a0c35", TRACE_C),
        http_record("1.1", "outbound", "details", "reviews-v1", "reviews", "/reviews/0",
                    "2019-05-20T08:14:02.512208830Z", "0.031004s",
                    "5c7e9a1b-3d5f-9b7d-a9e1-2b4d6f8a0c35", TRACE_D, resp_size=295),
    ]
    msg = make_report(
        "report-fallback-111", 111, recs, 1,
        description="A 1.1 proxy after a dictionary error falls back to the first 111 global "
                    "words: every word from index 111 on (context.protocol, inbound, 200, ...) "
                    "travels in default_words.",
        checks=[(0, "context.protocol", "http"), (0, "context.reporter.kind", "inbound"),
                (0, "response.code", 200), (0, "destination.port", 9080)])
    assert "context.protocol" in msg["default_words"] and "200" in msg["default_words"]
    return msg


def scenario_record_words():
    recs = [
        http_record("1.1", "inbound", "productpage", "details", "details", "/details/0",
                    "2019-05-20T08:15:11.004518223Z", "0.002511s",
                    "7e9a1c3d-5f7b-9d9f-b1a3-4d6f8b0c2e57", TRACE_A),
        http_record("1.1", "inbound", "productpage", "details", "details", "/details/1",
                    "2019-05-20T08:15:11.250067940Z", "0.002874s",
                    "9a1c3e5f-7b9d-9fb1-c3d5-6f8b0d2e4a79", TRACE_B, ua="curl/7.64.1"),
        http_record("1.1", "inbound", "productpage", "details", "details", "/details/2",
                    "2019-05-20T08:15:11.600203514Z", "0.002309s",
                    "b1c3e5a7-9d1f-9b3d-e5f7-8b0d2f4a6c91", TRACE_C),
    ]
    # Visit request.useragent first in record 1 so that its word -1 is
    # "curl/7.64.1" while default_words[0] is "-".
    recs[1] = dict([("request.useragent", recs[1]["request.useragent"])] + list(recs[1].items()))
    msg = make_report(
        "report-record-words", 221, recs, 1, own_words={1},
        description="Record 1 carries its own non-empty `words`: its negative indices resolve "
                    "against those words only; records 0 and 2 use default_words. Never a merge.",
        checks=[(1, "request.path", "/details/1"), (1, "request.useragent", "curl/7.64.1"),
                (0, "request.path", "/details/0"), (2, "request.path", "/details/2")])
    r1 = msg["records"][1]
    # Guard: the test only bites if the two lists disagree on -1.
    assert r1["words"][0] != msg["default_words"][0]
    return msg


def scenario_unknown_index():
    r0 = http_record("0.8", "inbound", "productpage", "details", "details", "/details/0",
                     "2018-06-12T10:31:09.228114000Z", "0.003902s",
                     "d4f6a8c0-2e4a-9c6e-f0a2-1c3e5a7c9e13", TRACE_A)
    # A name index past the 178-word prefix (221 = context.proxy_version in
    # 1.3), a value index and a map key far past the message words.
    r0[Raw(221)] = S("1.3.5")
    r0["request.useragent"] = S(Raw(-40))
    r0["response.headers"] = SM([(":status", "200"), (Raw(-41), "istio-envoy")])
    r1 = dict(r0)
    r1["context.protocol"] = S(Raw(200))  # 200 >= 178: past the count, 1.0's "context.reporter.type"
    r1["request.id"] = S("f6a8c0e2-4a6c-9e8a-a2c4-3e5a7c9e1b35")
    msg = make_report(
        "report-unknown-index", 178, [r0, r1], None, symbolic_check=False,
        description="Istio 0.8 delta batch with indices past its count and past its message "
                    "words: name index 221 with global_word_count 178 and, in record 1, value "
                    "index 200 are past the sender's count but in Mixer's own list, so Mixer "
                    "reads them (context.proxy_version; \"context.reporter.type\"); value index "
                    "-40 and string-map key -41 are past the default words: those attributes "
                    "are absent.",
        checks=[(0, "request.useragent", ABSENT), (0, "response.headers", ABSENT),
                (0, "context.proxy_version", "1.3.5"), (1, "context.protocol", "context.reporter.type"),
                (1, "request.id", "f6a8c0e2-4a6c-9e8a-a2c4-3e5a7c9e1b35"),
                (0, "request.path", "/details/0")],
        expect_findings=[finding("dictionary-mismatch", 0), finding("dictionary-mismatch", 1),
                         finding("unknown-index", 0, "request.useragent"),
                         finding("unknown-index", 0, "response.headers")])
    assert len(msg["default_words"]) < 40
    return msg


def scenario_dictionary_too_new():
    r0 = http_record("1.3", "inbound", "productpage", "details", "details", "/details/0",
                     "2020-03-02T17:05:44.618030212Z", "0.002096s",
                     "e8a0c2e4-6c8e-9a0c-c4e6-5a7c9e1b3d57", TRACE_B)
    r0[Raw(225)] = S("1.5.0-dev")  # a word only the newer dictionary has
    return make_report(
        "report-dictionary-too-new", 230, [r0], 1, symbolic_check=False,
        description="global_word_count 230: a dictionary newer than any released one. Mixer 1.1+ "
                    "refuses the whole request; the decoder decodes what is in range (the first "
                    "222 words) and reports the mismatch; index 225 is unknown.",
        checks=[(0, "request.path", "/details/0"), (0, "context.proxy_version", "1.3.5")],
        expect_findings=[finding("dictionary-mismatch"), finding("unknown-index", 0)])


def scenario_unknown_semantics():
    recs = [
        http_record("1.1", "inbound", "productpage", "details", "details", "/details/0",
                    "2019-05-20T08:20:30.303030303Z", "0.002020s",
                    "2c4e6a8c-0e2a-9c4e-c6e8-9c1e3b5d7f91", TRACE_A),
        http_record("1.1", "inbound", "productpage", "details", "details", "/details/0",
                    "2019-05-20T08:20:31.313131313Z", "0.002121s",
                    "4e6a8c0e-2a4c-9e6a-e8a0-1e3b5d7f9a13", TRACE_B),
    ]
    return make_report(
        "report-unknown-semantics", 221, recs, 7,
        description="repeated_attributes_semantics = 7 (not in the enum). Mixer 1.1+ drops the "
                    "whole batch silently. Both records carry the same attribute names, so the "
                    "expected records are the same whether read as delta or independent.",
        expect_findings=[finding("unknown-semantics")])


def scenario_attributes():
    attrs = {
        "source.uid": S(uid("productpage")),
        "source.namespace": S(NS),
        "destination.service.host": S("details.default.svc.cluster.local"),
        "destination.port": I(9080),
        "check.error_code": I(-7),
        "odd.weight": D(0.75),
        "connection.mtls": B(True),
        "source.ip": IP4(ip_of("productpage")),
        "destination.ip": IP_MAPPED(ip_of("details")),
        "odd.token": BY(b"\xde\xad\xbe\xef"),
        "request.time": TS("2019-05-20T08:12:20.125Z"),
        "response.duration": DUR("0.003391876s"),
        "request.headers": SM([(":authority", "details:9080"), (":path", "/details/0"),
                               ("x-request-id", "1c7e5a3f-9b2d-9e4c-a8f6-3d0b5e7c9a14")]),
    }
    return {
        "name": "attributes-uncompressed", "message": "attributes", "attributes": attrs,
        "unknown_top": [], "symbolic": None,
        "description": "The uncompressed Attributes message (as in `Report attributes:` logs or "
                       "the x-istio-attributes header) with every AttributeValue kind.",
        "checks": [(0, "destination.ip", "10.244.1.17"), (0, "odd.token", "3q2+7w=="),
                   (0, "request.time", "2019-05-20T08:12:20.125Z"), (0, "odd.weight", 0.75)],
        "expect_findings": [],
    }
