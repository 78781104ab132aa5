"""Writing one scenario: its .txtpb in the form its shape needs (real
schema, wire view, raw entries, or several protoc parts), then the .bin and
the .expected.json."""

from .check_response import write_check_response
from .dictionary import GLOBAL_WORDS
from .expectations import cross_check, expected_object, run_checks
from .files import header_lines, write_message_files
from .protoc import MARK, REAL_TYPES, wire_encode
from .textformat import (attributes_text, check_text, q, record_text, report_text, scalar_text,
                         word_note)
from .values import FIELD_OF_KIND, KINDS


def raw_entry_bytes(e, kind):
    """Bytes of one map entry with its parts in e['layout'] order, each part
    encoded by protoc on its own."""
    value_type = {"string": "IdxValueOnly", "idx": "IdxValueOnly", "int64": "Int64ValueOnly",
                  "double": "DoubleValueOnly", "bool": "BoolValueOnly",
                  "timestamp": "TimeValueOnly", "duration": "TimeValueOnly",
                  "bytes": "BytesValueOnly", "string_map": "IdxMapRawValueOnly"}[kind]
    out = b""
    for part in e["layout"]:
        if part == "key":
            out += wire_encode("KeyOnly", "key: %d" % e["key"])
        elif kind == "string_map":
            subs = " ".join("entries: %s" % q(raw_entry_bytes(sub, "idx")) for sub in e["value"])
            out += wire_encode(value_type, "value { %s }" % subs)
        else:
            out += wire_encode(value_type, scalar_text(kind, e["value"]))
    return out


def raw_record_text(crec, mwords, limit, indent):
    pad = " " * indent
    lines = []
    for slot, w in enumerate(crec["words"]):
        lines.append("%swords: %s" % (pad, q(w)))
    for kind in KINDS:
        for e in crec["entries"]:
            if e["kind"] != kind:
                continue
            note = "%s, %s" % (word_note(e["key"], mwords, limit), "/".join(e["layout"]) or "empty")
            lines.append("%s%s: %s  # %s" % (pad, FIELD_OF_KIND[kind], q(raw_entry_bytes(e, kind)), note))
    return lines


def write_scenario(msg, outdir):
    """NAME.txtpb, NAME.bin and NAME.expected.json of one scenario; returns
    (bytes, expected object) for the files made from it later."""
    if msg["message"] == "check-response":
        return write_check_response(msg, outdir)
    obj, records = expected_object(msg)
    check_expectations(msg, obj, records)
    lines = header_lines(msg) + body_lines(msg)
    data = write_message_files(outdir, msg["name"], msg["message"], lines, obj)
    return data, obj


def check_expectations(msg, obj, records):
    """The expectation against the symbolic records and the scenario's own
    hand-written checks, before anything is written."""
    cross_check(msg, records)
    run_checks(msg, obj)
    if "post_check" in msg and not msg["post_check"](obj):
        raise AssertionError("%s: post_check failed" % msg["name"])


def body_lines(msg):
    """The .txtpb after its header, in the form the scenario's shape needs:
    the real schema where it can express the message, else the wire view."""
    if msg["message"] == "attributes":
        return [MARK + "%s %s" % REAL_TYPES["attributes"]] + attributes_text(msg)
    if msg["message"] == "check":
        return [MARK + "%s %s" % REAL_TYPES["check"]] + check_text(msg)
    if msg.get("raw_entries"):
        return raw_entries_text(msg)
    if msg.get("multipart"):
        return multipart_unknown_fields_text(msg)
    if msg.get("wire"):
        return [MARK + "mixerdecode.wireview.Report wire_view.proto"] + \
            report_text(msg, semantics_as_number=True)
    return [MARK + "%s %s" % REAL_TYPES["report"]] + report_text(msg)


def raw_entries_text(msg):
    """A Report whose map entries are pre-encoded bytes (parts in any order,
    or missing), then the usual tail."""
    limit = min(msg["count"], len(GLOBAL_WORDS))
    lines = [MARK + "mixerdecode.wireview.ReportRawEntries wire_view.proto"]
    for k, crec in enumerate(msg["records"]):
        mwords = crec["words"] or msg["default_words"]
        lines.append("attributes {  # record %d" % k)
        lines.extend(raw_record_text(crec, mwords, limit, 2))
        lines.append("}")
    lines.extend(report_text(msg, semantics_as_number=True, record_indices=[]))
    return lines


def multipart_unknown_fields_text(msg):
    limit = min(msg["count"], len(GLOBAL_WORDS))
    dw = msg["default_words"]
    wire = "mixerdecode.wireview.Report wire_view.proto"
    lines = []
    # Part 1: an unknown field before everything.
    lines.append(MARK + wire)
    lines.append("# part 1: unknown field 536870911 (varint) at the very start")
    lines.append(msg["unknown_top"][0]["text"])
    # Part 2: record 0, itself two protoc runs joined: unknown 10/11, then the
    # maps and the group 13.
    rec0 = msg["records"][0]
    lead = wire_encode("Record", " ".join(rec0["unknown_lead"]))
    body_lines = record_text(dict(rec0, unknown=[rec0["unknown"][2]]), dw, limit, 0)
    body = wire_encode("Record", "\n".join(body_lines))
    lines.append(MARK + "mixerdecode.wireview.ReportRecordBytes wire_view.proto")
    lines.append("# part 2: record 0 = protoc(Record { %s })" % " ".join(rec0["unknown_lead"]))
    lines.append("#                 + protoc(Record { the text below })")
    for bl in body_lines:
        lines.append("#   " + bl)
    lines.append("attributes: %s" % q(lead + body))
    # Part 3: unknown fields 5-9 between record 0 and record 1.
    lines.append(MARK + wire)
    lines.append("# part 3: unknown fields 5 (varint), 6 (fixed64), 7 (bytes), 8 (group), 9 (fixed32)")
    for u in msg["unknown_top"][1:]:
        lines.append(u["text"])
    # Part 4: records 1.. and the rest of the request.
    lines.append(MARK + wire)
    lines.append("# part 4: records 1-2 (record 1 ends with unknown fields 12, 14, 536870911)")
    lines.extend(report_text(msg, semantics_as_number=True,
                             record_indices=range(1, len(msg["records"]))))
    return lines
