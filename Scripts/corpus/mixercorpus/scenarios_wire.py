"""Scenarios only the wire view (wire_view.proto) can express: duplicate
attributes across maps, map entries out of order or missing a part, and
unknown fields of every wire type."""

from .bookinfo import http_record, ip_of, TRACE_A, TRACE_B, TRACE_C, TRACE_D
from .compress import entry, make_report
from .dictionary import GLOBAL_INDEX
from .mixer import finding, resolve
from .values import D, IP4


def gi(word):
    return GLOBAL_INDEX[word]


def scenario_duplicates():
    r0 = http_record("1.1", "inbound", "productpage", "details", "details", "/details/0",
                     "2019-05-20T08:16:40.300400500Z", "0.002222s",
                     "a0c2e4a6-8e0a-9c2e-e6a8-7c9e1b3d5f79", TRACE_C)
    r1 = http_record("1.1", "inbound", "productpage", "details", "details", "/details/1",
                     "2019-05-20T08:16:41.300400500Z", "0.002333s",
                     "c2e4a6c8-0a2c-9e4a-a8c0-9e1b3d5f7a91", TRACE_D)
    msg = make_report("report-duplicates", 221, [r0, r1], 1, symbolic_check=False)
    rec0, rec1 = msg["records"]
    dw = msg["default_words"]
    limit = 221

    def word(w):
        if w in GLOBAL_INDEX and GLOBAL_INDEX[w] < limit:
            return GLOBAL_INDEX[w]
        if w not in dw:
            dw.append(w)
        return -(dw.index(w) + 1)

    # Record 0: destination.port both in strings ("9090") and int64s (9080):
    # strings wins (Mixer probes strings first).
    rec0["entries"].append(entry("string", gi("destination.port"), word("9090")))
    # Record 1: request.headers also in int64s: string_maps is probed before
    # int64s, so the map wins although int64s comes first on the wire.
    rec1["entries"].append(entry("int64", gi("request.headers"), 7))
    # Record 1: the strings map carries request.path twice (last wins, no
    # finding), and request.headers carries :path twice (last wins).
    for e in rec1["entries"]:
        if e["kind"] == "string" and e["key"] == gi("request.path"):
            e["value"] = word("/wrong/first")
    rec1["entries"].append(entry("string", gi("request.path"), word("/details/1")))
    for e in rec1["entries"]:
        if e["kind"] == "string_map" and e["key"] == gi("request.headers"):
            e["value"].append(entry("idx", gi(":path"), word("/details/1?last=wins")))
            for sub in e["value"]:
                if sub["key"] == gi(":path") and sub is not e["value"][-1]:
                    sub["value"] = word("/details/1?first")
    msg.update(
        description="Wire view, INDEPENDENT. Record 0: destination.port in strings and int64s "
                    "(strings wins, duplicate-attribute). Record 1: request.headers in string_maps "
                    "and int64s (string_maps wins by Mixer's probe order, duplicate-attribute); "
                    "request.path twice in the strings map and :path twice inside request.headers "
                    "(last entry wins, no finding).",
        wire=True,
        checks=[(0, "destination.port", "9090"), (1, "request.path", "/details/1")],
        expect_findings=[finding("duplicate-attribute", 0, "destination.port"),
                         finding("duplicate-attribute", 1, "request.headers")])
    msg["post_check"] = lambda obj: obj["records"][1]["attributes"]["request.headers"][":path"] == "/details/1?last=wins"
    return msg


def scenario_duplicates_delta():
    base = dict(release="1.0", reporter="inbound", src="productpage", dst="details", svc="details",
                path="/details/0")
    r0 = http_record(t="2018-10-03T08:50:12.100200300Z", duration="0.003003s",
                     request_id="e4a6c8e0-2c4e-9a6c-c0e2-1b3d5f7a9c13", trace=TRACE_A, **base)
    r1 = http_record(t="2018-10-03T08:50:13.400500600Z", duration="0.002112s",
                     request_id="a6c8e0a2-4e6a-9c8e-e2a4-3d5f7a9c1e35", trace=TRACE_B, code=503,
                     **base)
    msg = make_report("report-duplicates-delta", 203, [r0, r1], None, symbolic_check=False)
    rec1 = msg["records"][1]
    dw = msg["default_words"]
    assert "503" not in dw and GLOBAL_INDEX["503"] < 203
    rec1["entries"].append(entry("string", gi("response.code"), gi("503")))
    msg.update(
        description="Wire view, 1.0 delta batch: record 1 (a delta) carries response.code both in "
                    "int64s (503) and in strings (\"503\"). Mixer rejects such a delta record "
                    "(\"duplicate attribute\"); the decoder shows the strings value (same probe "
                    "order as elsewhere) and reports duplicate-attribute.",
        wire=True,
        checks=[(0, "response.code", 200), (1, "response.code", "503")],
        expect_findings=[finding("duplicate-attribute", 1, "response.code")])
    return msg


def scenario_map_entry_order():
    r0 = http_record("1.1", "inbound", "productpage", "details", "details", "/details/0",
                     "2019-05-20T08:18:05.050505050Z", "0.002424s",
                     "c8e0a2c4-6a8c-9e0a-a4c6-5f7a9c1e3b57", TRACE_C)
    r0["odd.ratio"] = D(0.25)
    r1 = http_record("1.1", "inbound", "productpage", "details", "details", "/details/1",
                     "2019-05-20T08:18:06.060606060Z", "0.002525s",
                     "e0a2c4e6-8c0e-9a2c-c6e8-7a9c1e3b5d79", TRACE_D)
    msg = make_report("report-map-entry-order", 221, [r0, r1], 1, symbolic_check=False)
    dw = msg["default_words"]
    rec0 = msg["records"][0]
    value_first = ("value", "key")
    by_name = {}
    for e in rec0["entries"]:
        by_name[resolve(e["key"], dw, 221)] = e
    # Value before key.
    for name in ("request.path", "destination.port", "request.time", "odd.ratio", "request.headers"):
        by_name[name]["layout"] = value_first
    for sub in by_name["request.headers"]["value"]:
        if sub["key"] == gi(":path"):
            sub["layout"] = value_first
        if sub["key"] == gi("accept"):  # no value: global word 0
            sub["value"] = 0
            sub["layout"] = ("key",)
    # A header entry without key: key 0 = global word 0 ("source.ip").
    by_name["request.headers"]["value"].append(
        entry("idx", 0, -(dw.index("python-requests/2.21.0") + 1), layout=("value",)))
    # Entries without value: the type's default.
    by_name["response.size"].update(value=0, layout=("key",))
    assert by_name["connection.mtls"]["value"] is False
    by_name["connection.mtls"]["layout"] = ("key",)
    by_name["response.duration"].update(value=(0, 0), layout=("key",))
    by_name["response.headers"].update(value=[], layout=("key",))
    # A bytes entry without key: key 0 = "source.ip".
    rec0["entries"].append(entry("bytes", 0, IP4(ip_of("productpage")).v, layout=("value",)))
    msg.update(
        description="Wire view, INDEPENDENT. Record 0 has map entries written value-before-key "
                    "(request.path, destination.port, request.time, odd.ratio, request.headers and "
                    "its :path), entries without a value (response.size -> 0, connection.mtls -> "
                    "false, response.duration -> 0s, response.headers -> empty map, header accept "
                    "-> global word 0 \"source.ip\") and entries without a key (key 0 = global "
                    "word 0 \"source.ip\": a bytes entry holding 10.244.1.15 and a header "
                    "\"source.ip\"). Record 1 is ordinary.",
        wire=True, raw_entries=True,
        checks=[(0, "request.path", "/details/0"), (0, "destination.port", 9080),
                (0, "response.size", 0), (0, "connection.mtls", False),
                (0, "response.duration", "0s"), (0, "response.headers", {}),
                (0, "source.ip", "10.244.1.15"), (0, "odd.ratio", 0.25),
                (0, "request.time", "2019-05-20T08:18:05.05050505Z"),
                (1, "request.path", "/details/1")],
        expect_findings=[])
    msg["post_check"] = lambda obj: (
        obj["records"][0]["attributes"]["request.headers"]["accept"] == "source.ip"
        and obj["records"][0]["attributes"]["request.headers"]["source.ip"] == "python-requests/2.21.0"
        and obj["records"][0]["attributes"]["request.headers"][":path"] == "/details/0")
    return msg


def scenario_unknown_fields():
    recs = [
        http_record("1.1", "inbound", "productpage", "details", "details", "/details/%d" % i,
                    "2019-05-20T08:19:0%d.123456789Z" % i, "0.00%d5s" % (i + 1),
                    "0a2c4e6a-8c0e-9a2c-a4c6-%012d" % i, TRACE_A)
        for i in range(3)
    ]
    msg = make_report("report-unknown-fields", 221, recs, 1)
    msg.update(
        description="Wire view, INDEPENDENT, built from four protoc runs concatenated: an unknown "
                    "varint with the largest field number (536870911) before everything; record 0 "
                    "with unknown fields 10 (varint) and 11 (fixed64) before its maps and a group "
                    "13 after them; unknown fields 5 (varint), 6 (fixed64), 7 (bytes), 8 (group "
                    "with nested fields) and 9 (fixed32) between record 0 and record 1; record 1 "
                    "with unknown fields 12 (bytes), 14 (fixed32) and 536870911 after its maps. "
                    "One unknown-field finding per unknown field (a group counts once).",
        wire=True, multipart=True)
    msg["unknown_top"] = [{"text": "unknown_max_field: 1"}] + [
        {"text": t} for t in ("unknown_varint: 300", "unknown_fixed64: 18446744073709551615",
                              "unknown_bytes: \"x-envoy-peer-metadata\"",
                              "UnknownGroup { a: 1 b: \"nested\" }", "unknown_fixed32: 4294967295")]
    msg["records"][0]["unknown_lead"] = ["unknown_varint: 150", "unknown_fixed64: 1"]
    msg["records"][0]["unknown"] = [{"text": "unknown_varint"}, {"text": "unknown_fixed64"},
                                    {"text": "UnknownGroup { a: 99 b: \"in-record\" }"}]
    msg["records"][1]["unknown"] = [{"text": "unknown_bytes: \"\\000\\001\\002\""},
                                    {"text": "unknown_fixed32: 7"},
                                    {"text": "unknown_max_field: 536870911"}]
    msg["expect_findings"] = [finding("unknown-field")] * 6 + [finding("unknown-field", 0)] * 3 + \
                             [finding("unknown-field", 1)] * 3
    return msg
