"""Protobuf text format of the compressed messages (NAME.txtpb), with
comments that name every index, for protoc to encode."""

import json
import math

from .dictionary import GLOBAL_WORDS
from .mixer import resolve
from .render import render_value
from .values import FIELD_OF_KIND, KINDS, Val


def q(s):
    """Quote a str or bytes as a text-format string literal. Printable UTF-8
    stays as is; control characters and (for bytes) non-ASCII are escaped."""
    out = ['"']
    if isinstance(s, str):
        for ch in s:
            o = ord(ch)
            if ch in "\"'\\":
                out.append("\\" + ch)
            elif ch == "\n":
                out.append("\\n")
            elif ch == "\r":
                out.append("\\r")
            elif ch == "\t":
                out.append("\\t")
            elif 0x20 <= o < 0x7F or (o >= 0xA0 and ch.isprintable()):
                out.append(ch)
            else:
                out.append("".join("\\%03o" % b for b in ch.encode("utf-8")))
    else:
        for b in s:
            ch = chr(b)
            if ch in "\"'\\":
                out.append("\\" + ch)
            elif 0x20 <= b < 0x7F:
                out.append(ch)
            else:
                out.append("\\%03o" % b)
    out.append('"')
    return "".join(out)


def fmt_double(x):
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return repr(x)


def word_note(index, message_words, limit):
    w = resolve(index, message_words, limit)
    if w is None:
        return "?%d" % index
    return json.dumps(w, ensure_ascii=False)


def scalar_text(kind, value):
    if kind in ("string", "idx"):
        return "value: %d" % value
    if kind == "int64":
        return "value: %d" % value
    if kind == "double":
        return "value: %s" % fmt_double(value)
    if kind == "bool":
        return "value: %s" % ("true" if value else "false")
    if kind in ("timestamp", "duration"):
        return "value { seconds: %d nanos: %d }" % value
    if kind == "bytes":
        return "value: %s" % q(value)
    raise AssertionError(kind)


def value_note(kind, value, mwords, limit):
    if kind == "string":
        return word_note(value, mwords, limit)
    if kind == "timestamp":
        return render_value("", Val(kind, value))
    if kind == "duration":
        return render_value("", Val(kind, value))
    if kind == "double":
        return fmt_double(value)
    if kind == "bytes":
        return "%d bytes" % len(value)
    return json.dumps(value)


def record_text(crec, mwords, limit, indent):
    """Text of a CompressedAttributes (real schema) or wire-view Record."""
    pad = " " * indent
    lines = []
    for slot, w in enumerate(crec["words"]):
        lines.append("%swords: %s  # %d" % (pad, q(w), -(slot + 1)))
    for kind in KINDS:
        for e in crec["entries"]:
            if e["kind"] != kind:
                continue
            field = FIELD_OF_KIND[kind]
            name_note = word_note(e["key"], mwords, limit)
            key_part = "key: %d " % e["key"] if "key" in e["layout"] else ""
            if kind == "string_map":
                lines.append("%s%s {  # %s" % (pad, field, name_note))
                if "key" in e["layout"]:
                    lines.append("%s  key: %d" % (pad, e["key"]))
                if "value" in e["layout"]:
                    lines.append("%s  value {" % pad)
                    for sub in e["value"]:
                        sk = "key: %d " % sub["key"] if "key" in sub["layout"] else ""
                        sv = "value: %d " % sub["value"] if "value" in sub["layout"] else ""
                        lines.append("%s    entries { %s%s}  # %s: %s" % (
                            pad, sk, sv, word_note(sub["key"], mwords, limit),
                            word_note(sub["value"], mwords, limit)))
                    lines.append("%s  }" % pad)
                lines.append("%s}" % pad)
            else:
                val_part = scalar_text(kind, e["value"]) + " " if "value" in e["layout"] else ""
                lines.append("%s%s { %s%s}  # %s = %s" % (
                    pad, field, key_part, val_part, name_note,
                    value_note(kind, e["value"], mwords, limit)))
    for u in crec["unknown"]:
        lines.append(pad + u["text"])
    return lines


def report_text(msg, semantics_as_number=False, record_indices=None, include_tail=True):
    limit = min(msg["count"], len(GLOBAL_WORDS))
    lines = []
    indices = range(len(msg["records"])) if record_indices is None else record_indices
    for k in indices:
        crec = msg["records"][k]
        mwords = crec["words"] or msg["default_words"]
        lines.append("attributes {  # record %d" % k)
        lines.extend(record_text(crec, mwords, limit, 2))
        lines.append("}")
    if include_tail:
        for slot, w in enumerate(msg["default_words"]):
            lines.append("default_words: %s  # %d" % (q(w), -(slot + 1)))
        lines.append("global_word_count: %d" % msg["count"])
        sem = msg["semantics"]
        if sem is not None:
            names = {0: "DELTA_ENCODING", 1: "INDEPENDENT_ENCODING"}
            if sem in names and not semantics_as_number:
                lines.append("repeated_attributes_semantics: %s" % names[sem])
            else:
                lines.append("repeated_attributes_semantics: %d" % sem)
    return lines


def check_text(msg):
    limit = min(msg["count"], len(GLOBAL_WORDS))
    crec = msg["records"][0]
    lines = ["attributes {"]
    lines.extend(record_text(crec, crec["words"], limit, 2))
    lines.append("}")
    lines.append("global_word_count: %d" % msg["count"])
    lines.append("deduplication_id: %s" % q(msg["dedup_id"]))
    for name, (amount, best_effort) in msg["quotas"]:
        lines.append("quotas { key: %s value { amount: %d best_effort: %s } }"
                     % (q(name), amount, "true" if best_effort else "false"))
    return lines


def attributes_text(msg):
    lines = []
    for name, val in msg["attributes"].items():
        k, v = val.kind, val.v
        if k == "string":
            inner = "string_value: %s" % q(v)
        elif k == "int64":
            inner = "int64_value: %d" % v
        elif k == "double":
            inner = "double_value: %s" % fmt_double(v)
        elif k == "bool":
            inner = "bool_value: %s" % ("true" if v else "false")
        elif k == "bytes":
            inner = "bytes_value: %s" % q(v)
        elif k == "timestamp":
            inner = "timestamp_value { seconds: %d nanos: %d }" % v
        elif k == "duration":
            inner = "duration_value { seconds: %d nanos: %d }" % v
        elif k == "string_map":
            inner = "string_map_value { %s }" % " ".join(
                "entries { key: %s value: %s }" % (q(a), q(b)) for a, b in v)
        lines.append("attributes { key: %s value { %s } }" % (q(name), inner))
    return lines
