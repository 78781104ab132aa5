"""Damaged logs: dumps cut at the start, at the end, mid-line before the
next dump, and with broken escapes. note() records each damage for
SHOW_DAMAGE."""

import base64

from .dumps import src
from .envoy_lines import GRPC, report_response, SITES_11
from .layout import at, Layout
from .log import Log


def record_spans(text):
    """(first, last) line index of each top-level `attributes {` block."""
    lines = text[:-1].split("\n")
    spans, start = [], None
    for i, line in enumerate(lines):
        if line == "attributes {":
            start = i
        elif line == "}" and start is not None:
            spans.append((start, i))
            start = None
    return lines, spans


DAMAGE = {}  # file -> list of (what, line, column)


def note(name, what, line, column=None):
    DAMAGE.setdefault(name, []).append((what, line, column))


def log_cut_start():
    log = Log(Layout("1.1"))
    s = SITES_11
    item = src("report-1.3-mixed")
    lines, spans = record_spans(item.text)
    a, b = spans[2]
    # Start inside record 2, at the `value:` line of its 4th entry.
    starts = [i for i in range(a + 1, b) if lines[i] in ("  strings {", "  int64s {")]
    start = starts[3] + 2
    assert lines[start].startswith("    value:"), lines[start]
    fragment = lines[start:]
    entry = log.headless(fragment, item)
    assert entry["records"][0].get("partial") and len(entry["records"]) == 3
    note("cut-start", "fragment starts mid-entry inside record 2 of report-1.3-mixed (no header)", 1)
    ns = at("2019-05-20T08:12:22.995118Z")
    log.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", src("report-1.1-healthy-http"))
    report_response(log, ns + 3160000, s)
    log.write("cut-start")
    return log


def cut_lines(item, record, entry_kind, nth, line_offset, keep_chars):
    """protoc's text of `item` cut inside `record`: in the line `line_offset`
    lines after the start of its nth `entry_kind` entry, after `keep_chars`
    characters."""
    lines, spans = record_spans(item.text)
    a, b = spans[record]
    hits = [i for i in range(a + 1, b) if lines[i] == "  %s {" % entry_kind]
    i = hits[nth] + line_offset
    assert 0 < keep_chars < len(lines[i]), (lines[i], keep_chars)
    return lines[:i] + [lines[i][:keep_chars]]


def log_cut_end():
    log = Log(Layout("1.1"))
    s = SITES_11
    ns = at("2019-05-20T08:12:22.995118Z")
    log.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", src("report-1.1-healthy-http"))
    report_response(log, ns + 3160000, s)
    item = src("report-1.1-http")
    body = cut_lines(item, 1, "string_maps", 0, 4, 12)
    ns = at("2019-05-20T08:12:21.140017Z") + 2 * 10**9
    entry = log.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", item, lines=body,
                     blank=False)
    last = entry["line"] + len(body) - 1
    note("cut-end", "report-1.1-http ends at end of file inside record 1 (a string_maps entry), "
         "mid-line, no empty line", last, len(body[-1]) + 1)
    log.write("cut-end")
    return log


def log_cut_then_next():
    log = Log(Layout("1.1"))
    s = SITES_11
    ns = at("2019-05-20T08:12:21.140017Z")
    item = src("report-1.1-http")
    body = cut_lines(item, 1, "timestamps", 0, 3, 19)
    e = log.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", item, lines=body, blank=False)
    note("cut-then-next", "report-1.1-http cut mid-line inside record 1 (a timestamps entry); "
         "the next line is the header of the next dump", e["line"] + len(body) - 1, len(body[-1]) + 1)
    ns = at("2019-05-20T08:12:22.995118Z")
    log.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", src("report-1.1-healthy-http"))
    report_response(log, ns + 3160000, s)
    # Cut after the third default_words line: all records complete, their
    # words beyond -3 lost.
    item = src("report-1.1-vm-tcp")
    lines = item.text[:-1].split("\n")
    dw = [i for i, line in enumerate(lines) if line.startswith("default_words:")]
    body = lines[:dw[2] + 1]
    ns = at("2019-05-20T08:12:22.304118Z")
    e = log.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", item, lines=body, blank=False)
    note("cut-then-next", "report-1.1-vm-tcp cut after its third default_words line (records complete, "
         "words -4 and beyond lost, no global_word_count); the next line is the header of the next dump",
         e["line"] + len(body) - 1)
    assert [f["code"] for f in e["findings"]].count("truncated") == 3, e["findings"]
    log.dump(ns + 52000, "grpc", "%s:%d" % (GRPC, s.send), "Sending Check request: ", src("check-1.1"))
    log.dump(ns + 2410000, "grpc", "%s:%d" % (GRPC, s.response), "Check response: ", src("check-response-1.1"))
    log.write("cut-then-next")
    return log


def log_broken_escapes():
    log = Log(Layout("1.1"))
    s = SITES_11
    item = src("report-1.1-http")
    lines = item.text[:-1].split("\n")
    dwi = {line: i for i, line in enumerate(lines) if line.startswith("default_words:")}
    # 1. `\9` (not an escape) inside the word "details:9080": kept as written.
    i1 = dwi['default_words: "details:9080"']
    lines[i1] = 'default_words: "details:\\9080"'
    # 2. A string not closed on its line: the word still ends at the line end.
    i2 = dwi['default_words: "istio://default/services/details"']
    lines[i2] = 'default_words: "istio://default/services/details'
    # 3. `\x` without hex digits inside record 1's destination.ip bytes.
    _, spans = record_spans(item.text)
    a, b = spans[1]
    i3 = next(i for i in range(a, b) if lines[i] == "    key: 150") + 1
    assert lines[i3].startswith('    value: "\\n\\364'), lines[i3]
    lines[i3] = lines[i3].replace("\\364", "\\x\\364", 1)
    ns = at("2019-05-20T08:12:21.140017Z")
    e = log.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", item, lines=lines)
    base = e["line"]
    for idx, what, col in [(i3, "`\\x` without hex digits in record 1's destination.ip bytes value",
                            lines[i3].index("\\x") + 1),
                           (i1, "`\\9` (unknown escape) in default_words \"details:\\9080\"",
                            lines[i1].index("\\9") + 1),
                           (i2, "string not closed on its line (default_words \"istio://default/services/details)",
                            lines[i2].index('"') + 1)]:
        note("broken-escapes", what, base + idx, col)
    rec1 = e["records"][1]["attributes"]
    assert rec1["destination.ip"] == base64.b64encode(b"\n\\x\xf4\x01\x11").decode(), rec1["destination.ip"]
    assert rec1["destination.service.uid"] == "istio://default/services/details"
    assert rec1["request.host"] == "details:\\9080", rec1["request.host"]
    ns = at("2019-05-20T08:12:22.995118Z")
    log.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", src("report-1.1-healthy-http"))
    report_response(log, ns + 3160000, s)
    log.write("broken-escapes")
    return log
