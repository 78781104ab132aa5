#!/usr/bin/env python3
"""Regenerate mixerdecode's test corpus (everything under Corpus/ except
Corpus/README.md) from symbolic scenario descriptions.

Pipeline, per scenario:

1. The scenario is written here in Python as data: a release (which fixes
   global_word_count), the records as dicts attribute-name -> typed value,
   and for Report batches the repeated_attributes_semantics.
2. The records are compressed the way istio-proxy's AttributeCompressor
   does it (src/istio/mixerclient/attribute_compressor.cc): a name, a string
   value, or a string-map key/value that is in the first global_word_count
   words of the global dictionary gets its global index; any other word gets
   a slot in the batch's message dictionary (ReportRequest.default_words, or
   the record's own `words` for a Check or a record that asks for it) in
   order of first use, and is referenced as -(slot + 1). Delta batches (0.8,
   1.0) carry in record k only what changed since record k-1, like the real
   proxy.
3. The compressed form is written as protobuf text format (NAME.txtpb) and
   protoc encodes that file into NAME.bin. protoc is the independent encoder:
   no good message is hand-encoded here. Shapes the real schema cannot
   express (repeated map keys, entries missing key or value, value before
   key, unknown fields, groups) use Scripts/corpus/wire_view.proto, still
   encoded by protoc; only Corpus/broken/ is made by byte surgery.
4. NAME.expected.json is computed from the description (never by decoding
   NAME.bin) with Mixer's rules; for well-formed scenarios an independent
   cross-check compares it with the symbolic records before compression.

Run from anywhere: python3 Scripts/corpus/generate.py (or generate.sh, which
also checks every .bin with protoc --decode). Needs python3 (stdlib only)
and protoc on PATH (Debian: apt-get install protobuf-compiler; the
well-known types are expected in /usr/include, override with
PROTOC_INCLUDE=dir).
"""

import base64
import datetime
import ipaddress
import json
import math
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DATA_DIR = os.path.join(ROOT, "Scripts", "data")
CORPUS = os.path.join(ROOT, "Corpus")
SYSTEM_INCLUDE = os.environ.get("PROTOC_INCLUDE", "/usr/include")

# Paths handed to protoc are relative to ROOT (protoc runs with cwd=ROOT).
REAL_INCLUDES = ["Protos", SYSTEM_INCLUDE]
WIRE_INCLUDES = ["Scripts/corpus"]

with open(os.path.join(DATA_DIR, "global-dictionary.json"), encoding="utf-8") as f:
    _DICT = json.load(f)
with open(os.path.join(DATA_DIR, "attribute-manifest-1.1.6.json"), encoding="utf-8") as f:
    _MANIFEST = json.load(f)

GLOBAL_WORDS = _DICT["words"]
GLOBAL_INDEX = {w: i for i, w in enumerate(GLOBAL_WORDS)}
assert len(GLOBAL_INDEX) == len(GLOBAL_WORDS), "duplicate global word"

# global_word_count -> release label used in expected.json. A count shared by
# several releases is named after the first of them (221: 1.1 and 1.2;
# 222: 1.3 to 1.7). 111 is the list every proxy shrinks to after a dictionary
# error ("fallback"). Any other count is "unknown" (the decoder then uses
# min(count, 222) words).
RELEASE_OF_COUNT = {_DICT["base_size"]: "fallback"}
for _rel, _n in _DICT["releases"].items():
    RELEASE_OF_COUNT.setdefault(_n, _rel)

MANIFEST_TYPES = {}
for _section, _attrs in _MANIFEST.items():
    if _section == "_meta":
        continue
    for _name, _type in _attrs.items():
        MANIFEST_TYPES.setdefault(_name, _type)
IP_ATTRIBUTES = {n for n, t in MANIFEST_TYPES.items() if t == "IP_ADDRESS"}


# ---------------------------------------------------------------------------
# Typed values
# ---------------------------------------------------------------------------

class Val:
    """A typed attribute value. kind is one of KINDS; v is:
    string: str (or Raw); int64: int; double: float; bool: bool;
    timestamp/duration: (seconds, nanos); bytes: bytes;
    string_map: tuple of (key, value) pairs in wire order (keys may repeat
    only in wire-view scenarios; either side may be a Raw index)."""

    __slots__ = ("kind", "v")

    def __init__(self, kind, v):
        assert kind in KINDS, kind
        self.kind = kind
        self.v = v

    def __eq__(self, other):
        return isinstance(other, Val) and self.kind == other.kind and self.v == other.v

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash((self.kind, self.v))

    def __repr__(self):
        return "Val(%s, %r)" % (self.kind, self.v)


class Raw(int):
    """A word index written as-is (used to put indices outside the
    dictionaries on the wire on purpose)."""

    def __repr__(self):
        return "Raw(%d)" % int(self)


# Field-number order of CompressedAttributes and the probe order Mixer uses
# when the same name is in several maps (mixer/pkg/attribute ProtoBag).
KINDS = ["string", "int64", "double", "bool", "timestamp", "duration", "bytes", "string_map"]
FIELD_OF_KIND = {
    "string": "strings", "int64": "int64s", "double": "doubles", "bool": "bools",
    "timestamp": "timestamps", "duration": "durations", "bytes": "bytes",
    "string_map": "string_maps",
}
PROBE_ORDER = ["string", "string_map", "int64", "double", "bool", "timestamp", "duration", "bytes"]
EPOCH = datetime.datetime(1970, 1, 1)


def S(x):
    return Val("string", x)


def I(x):
    return Val("int64", int(x))


def D(x):
    return Val("double", float(x))


def B(x):
    return Val("bool", bool(x))


def parse_time(text):
    """'2019-05-20T08:12:20.125365976Z' -> (seconds, nanos)."""
    assert text.endswith("Z"), text
    body = text[:-1]
    frac = ""
    if "." in body:
        body, frac = body.split(".")
    dt = datetime.datetime.strptime(body, "%Y-%m-%dT%H:%M:%S")
    seconds = int((dt - EPOCH).total_seconds())
    nanos = int((frac + "000000000")[:9]) if frac else 0
    return (seconds, nanos)


def TS(text):
    return Val("timestamp", parse_time(text))


def TS_AT(base, add_nanos):
    """Timestamp `add_nanos` after the (seconds, nanos) pair or text `base`."""
    s, n = parse_time(base) if isinstance(base, str) else base
    total = s * 10**9 + n + add_nanos
    return Val("timestamp", (total // 10**9, total % 10**9))


def DUR(text):
    """'0.003391876s' or '-1.5s' -> Duration with seconds and nanos of the
    same sign, as google.protobuf.Duration requires."""
    assert text.endswith("s"), text
    body = text[:-1]
    neg = body.startswith("-")
    if neg:
        body = body[1:]
    whole, _, frac = body.partition(".")
    total = int(whole) * 10**9 + (int((frac + "000000000")[:9]) if frac else 0)
    if neg:
        total = -total
    seconds = int(total / 10**9)  # truncates towards zero
    nanos = total - seconds * 10**9
    return Val("duration", (seconds, nanos))


def BY(b):
    return Val("bytes", bytes(b))


def IP4(text):
    """4-byte address as Envoy sends it."""
    return BY(ipaddress.IPv4Address(text).packed)


def IP_MAPPED(text):
    """16-byte IPv4-mapped address as Pilot sends it (Go net.ParseIP)."""
    return BY(b"\x00" * 10 + b"\xff\xff" + ipaddress.IPv4Address(text).packed)


def IP6(text):
    return BY(ipaddress.IPv6Address(text).packed)


def SM(pairs):
    if isinstance(pairs, dict):
        pairs = list(pairs.items())
    return Val("string_map", tuple(pairs))


# ---------------------------------------------------------------------------
# Rendering a value as the tool prints it (the expected.json contract)
# ---------------------------------------------------------------------------

def render_ip(b):
    if len(b) == 4:
        return str(ipaddress.IPv4Address(b))
    if b[:10] == b"\x00" * 10 and b[10:12] == b"\xff\xff":
        return str(ipaddress.IPv4Address(b[12:]))  # Go prints mapped as dotted
    return ipaddress.IPv6Address(b).compressed  # RFC 5952, lower case


def render_value(name, val):
    k, v = val.kind, val.v
    if k == "string":
        return v
    if k == "int64":
        return v
    if k == "double":
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return v
    if k == "bool":
        return v
    if k == "timestamp":
        s, n = v
        assert 0 <= n < 10**9
        dt = EPOCH + datetime.timedelta(seconds=s)
        out = "%04d-%02d-%02dT%02d:%02d:%02d" % (dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second)
        if n:
            out += "." + ("%09d" % n).rstrip("0")
        return out + "Z"
    if k == "duration":
        s, n = v
        total = s * 10**9 + n
        sign = "-" if total < 0 else ""
        sec, ns = divmod(abs(total), 10**9)
        out = "%s%d" % (sign, sec)
        if ns:
            out += "." + ("%09d" % ns).rstrip("0")
        return out + "s"
    if k == "bytes":
        if name in IP_ATTRIBUTES and len(v) in (4, 16):
            return render_ip(v)
        return base64.b64encode(v).decode("ascii")
    if k == "string_map":
        d = {}
        for a, b in v:
            d[a] = b  # last wins
        return {a: d[a] for a in sorted(d)}
    raise AssertionError(k)


def render_attributes(attrs):
    return {name: render_value(name, attrs[name]) for name in sorted(attrs)}


# ---------------------------------------------------------------------------
# Compression (what istio-proxy does)
# ---------------------------------------------------------------------------

class WordTable:
    """istio-proxy's MessageDictionary over a global prefix of `limit` words."""

    def __init__(self, limit):
        self.limit = limit
        self.words = []
        self.slots = {}

    def index(self, word):
        if isinstance(word, Raw):
            return int(word)
        g = GLOBAL_INDEX.get(word)
        if g is not None and g < self.limit:
            return g
        if word not in self.slots:
            self.slots[word] = len(self.words)
            self.words.append(word)
        return -(self.slots[word] + 1)


def entry(kind, key, value, layout=("key", "value")):
    """One map entry of a compressed record. layout lists the parts present,
    in wire order ("key", "value"); a missing part must hold the default."""
    return {"kind": kind, "key": key, "value": value, "layout": tuple(layout)}


def compress_record(record, table):
    """record: dict name -> Val (insertion order = order the proxy visits)."""
    entries = []
    for name, val in record.items():
        key = table.index(name)
        if val.kind == "string":
            value = table.index(val.v)
        elif val.kind == "string_map":
            value = [entry("idx", table.index(a), table.index(b)) for a, b in val.v]
        else:
            value = val.v
        entries.append(entry(val.kind, key, value))
    return {"words": [], "entries": entries, "unknown": []}


def delta_records(full_records):
    """What a 0.8/1.0 proxy puts on the wire for a delta batch: record 0 in
    full, then only the attributes whose value (or type) changed since the
    previous record. Nothing can be deleted."""
    out = []
    prev = None
    for rec in full_records:
        if prev is None:
            out.append(dict(rec))
        else:
            out.append({n: v for n, v in rec.items() if n not in prev or prev[n] != v})
        prev = rec
    return out


def make_report(name, count, records, semantics, own_words=(), description="", checks=None,
                expect_findings=None, symbolic_check=True):
    """A ReportRequest scenario. semantics: None (field 4 absent), 0, 1 or
    any number. For delta semantics (None/0) `records` are the full states;
    the wire carries deltas."""
    delta = semantics in (None, 0)
    wire_syms = delta_records(records) if delta else [dict(r) for r in records]
    limit = min(count, len(GLOBAL_WORDS))
    batch = WordTable(limit)
    recs = []
    for k, rec in enumerate(wire_syms):
        if k in own_words:
            own = WordTable(limit)
            crec = compress_record(rec, own)
            assert own.words, "record %d asked for own words but needs none" % k
            crec["words"] = own.words
        else:
            crec = compress_record(rec, batch)
        recs.append(crec)
    return {
        "name": name, "message": "report", "count": count, "semantics": semantics,
        "records": recs, "default_words": batch.words, "unknown_top": [],
        "symbolic": wire_syms if symbolic_check else None,
        "description": description, "checks": checks or [],
        "expect_findings": expect_findings or [],
    }


def make_check(name, count, record, dedup_id, quotas, description="", checks=None):
    limit = min(count, len(GLOBAL_WORDS))
    table = WordTable(limit)
    crec = compress_record(record, table)
    crec["words"] = table.words
    return {
        "name": name, "message": "check", "count": count, "records": [crec],
        "dedup_id": dedup_id, "quotas": quotas, "unknown_top": [],
        "symbolic": [dict(record)], "description": description,
        "checks": checks or [], "expect_findings": [],
    }


# ---------------------------------------------------------------------------
# Expected output (Mixer's rules applied to the description)
# ---------------------------------------------------------------------------

def resolve(index, message_words, limit):
    # Mixer looks a global index up in its own, full list, not in the
    # sender's count (istio/istio mixer/pkg/attribute/protoBag.go,
    # ProtoBag.lookup: index < len(globalWordList)); the lists only grew by
    # appending, so the newest list names every index the same way.
    if index >= 0:
        return GLOBAL_WORDS[index] if index < len(GLOBAL_WORDS) else None
    slot = ~index
    return message_words[slot] if slot < len(message_words) else None


def past_count(index, limit):
    """An index istio-proxy never sends: past its own count, yet known."""
    return limit <= index < len(GLOBAL_WORDS)


def finding(code, record=None, attribute=None):
    f = {"code": code}
    if record is not None:
        f["record"] = record
    if attribute is not None:
        f["attribute"] = attribute
    return f


def evaluate_record(crec, message_words, limit, k, findings):
    indices = []
    for e in crec["entries"]:
        indices.append(e["key"])
        if e["kind"] == "string":
            indices.append(e["value"])
        elif e["kind"] == "string_map":
            indices += [i for sub in e["value"] for i in (sub["key"], sub["value"])]
    if any(past_count(i, limit) for i in indices):
        findings.append(finding("dictionary-mismatch", k))
    per_kind = {}
    for e in crec["entries"]:
        per_kind.setdefault(e["kind"], {})[e["key"]] = e["value"]  # repeated key: last wins
    candidates = {}
    for kind in PROBE_ORDER:
        for key, value in per_kind.get(kind, {}).items():
            name = resolve(key, message_words, limit)
            if name is None:
                findings.append(finding("unknown-index", k))
                continue
            if kind == "string":
                s = resolve(value, message_words, limit)
                if s is None:
                    findings.append(finding("unknown-index", k, name))
                    continue
                val = S(s)
            elif kind == "string_map":
                pairs, bad = [], False
                for sub in value:
                    a = resolve(sub["key"], message_words, limit)
                    b = resolve(sub["value"], message_words, limit)
                    if a is None or b is None:
                        bad = True
                    pairs.append((a, b))
                if bad:
                    findings.append(finding("unknown-index", k, name))
                    continue
                d = {}
                for a, b in pairs:
                    d[a] = b
                val = SM(d)
            else:
                val = Val(kind, value)
            candidates.setdefault(name, []).append(val)
    out = {}
    for name, vals in candidates.items():
        if len(vals) > 1:
            findings.append(finding("duplicate-attribute", k, name))
        out[name] = vals[0]  # first in probe order wins
    for _ in crec["unknown"]:
        findings.append(finding("unknown-field", k))
    return out


def evaluate(msg):
    """Returns (list of attribute dicts per record, findings)."""
    findings = []
    records = []
    if msg["message"] == "attributes":
        return [dict(msg["attributes"])], findings
    count = msg["count"]
    limit = min(count, len(GLOBAL_WORDS))
    if count not in RELEASE_OF_COUNT:
        findings.append(finding("dictionary-mismatch"))
    delta = False
    if msg["message"] == "report":
        sem = msg["semantics"]
        delta = sem in (None, 0)
        if sem not in (None, 0, 1):
            findings.append(finding("unknown-semantics"))
            names = [sorted(set(e["key"] for e in r["entries"])) for r in msg["records"]]
            assert all(n == names[0] for n in names), \
                "unknown-semantics scenario must not depend on delta vs independent"
    for _ in msg["unknown_top"]:
        findings.append(finding("unknown-field"))
    accumulated = {}
    for k, crec in enumerate(msg["records"]):
        if msg["message"] == "check" or crec["words"]:
            mwords = crec["words"]
        else:
            mwords = msg["default_words"]
        vals = evaluate_record(crec, mwords, limit, k, findings)
        if delta:
            accumulated.update(vals)
            records.append(dict(accumulated))
        else:
            records.append(vals)
    return records, findings


def finding_sort_key(f):
    return (f.get("record", -1), f["code"], f.get("attribute", ""))


def expected_object(msg):
    records, findings = evaluate(msg)
    if msg["message"] == "attributes":
        dictionary = None
    else:
        dictionary = {"release": RELEASE_OF_COUNT.get(msg["count"], "unknown"),
                      "globalWordCount": msg["count"]}
    return {
        "message": msg["message"],
        "dictionary": dictionary,
        "records": [{"attributes": render_attributes(r)} for r in records],
        "findings": sorted(findings, key=finding_sort_key),
    }, records


def cross_check(msg, records):
    """Independent check of compressor + evaluator for well-formed scenarios:
    the evaluated records must equal the symbolic ones (overlaid for delta)."""
    if msg.get("symbolic") is None:
        return
    want = []
    acc = {}
    delta = msg["message"] == "report" and msg["semantics"] in (None, 0)
    for rec in msg["symbolic"]:
        clean = {n: v for n, v in rec.items() if not isinstance(n, Raw)}
        if delta:
            acc.update(clean)
            want.append(dict(acc))
        else:
            want.append(clean)
    if len(want) != len(records):
        raise AssertionError("%s: record count" % msg["name"])
    for k, (w, got) in enumerate(zip(want, records)):
        if render_attributes(w) != render_attributes(got):
            raise AssertionError("%s: record %d differs from its symbolic form:\n%r\n%r"
                                 % (msg["name"], k, render_attributes(w), render_attributes(got)))


def run_checks(msg, obj):
    """Hand-written expectations of a scenario (second, independent entry)."""
    for k, name, want in msg["checks"]:
        attrs = obj["records"][k]["attributes"]
        if want is ABSENT:
            ok = name not in attrs
        else:
            ok = name in attrs and json.dumps(attrs[name]) == json.dumps(want)
        if not ok:
            raise AssertionError("%s: record %d %s: want %r, got %r"
                                 % (msg["name"], k, name, want, attrs.get(name, "<absent>")))
    if msg["expect_findings"] is not None and (msg["expect_findings"] or obj["findings"]):
        want = sorted(msg["expect_findings"], key=finding_sort_key)
        if want != obj["findings"]:
            raise AssertionError("%s: findings %r, want %r" % (msg["name"], obj["findings"], want))


ABSENT = object()


# ---------------------------------------------------------------------------
# Text format
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# protoc
# ---------------------------------------------------------------------------

def protoc(args, data):
    r = subprocess.run(["protoc"] + args, input=data, cwd=ROOT,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        raise RuntimeError("protoc %s failed:\n%s" % (" ".join(args), r.stderr.decode()))
    return r.stdout


def encode_args(type_name, proto_file):
    includes = WIRE_INCLUDES if proto_file == "wire_view.proto" else REAL_INCLUDES
    return ["--deterministic_output", "--encode=" + type_name] + ["-I" + d for d in includes] + [proto_file]


_FRAGMENT_CACHE = {}


def wire_encode(type_name, text):
    """protoc-encode a small wire-view message (a fragment of a larger one)."""
    key = (type_name, text)
    if key not in _FRAGMENT_CACHE:
        _FRAGMENT_CACHE[key] = protoc(encode_args("mixerdecode.wireview." + type_name, "wire_view.proto"),
                                      text.encode("utf-8"))
    return _FRAGMENT_CACHE[key]


MARK = "# @encode "


def encode_txtpb_file(path):
    """Encode a .txtpb written by this script: each '# @encode TYPE FILE' line
    starts a part; parts are encoded separately and concatenated (protobuf
    merge semantics: concatenated encodings are one message)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    parts = []
    for line in lines:
        if line.startswith(MARK):
            type_name, proto_file = line[len(MARK):].split()
            parts.append((type_name, proto_file, []))
        elif parts:
            parts[-1][2].append(line)
    assert parts, path
    out = b""
    for type_name, proto_file, body in parts:
        out += protoc(encode_args(type_name, proto_file), "\n".join(body).encode("utf-8"))
    return out


def protoc_decode_ok(type_name, proto_file, data):
    r = subprocess.run(["protoc", "--decode=" + type_name] + ["-I" + d for d in REAL_INCLUDES] + [proto_file],
                       input=data, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return r.returncode == 0


# ---------------------------------------------------------------------------
# Bookinfo building blocks
# ---------------------------------------------------------------------------

NS = "default"
PODS = {
    "productpage": ("productpage-v1-54b8b9f55-bx2dq", "10.244.1.15"),
    "details": ("details-v1-6764bbc7f7-2mzxl", "10.244.1.17"),
    "reviews-v1": ("reviews-v1-7f6558b974-kq6kz", "10.244.2.11"),
    "reviews-v2": ("reviews-v2-7ff5966b99-krxbb", "10.244.2.12"),
    "reviews-v3": ("reviews-v3-5df889bcff-w7n4f", "10.244.2.13"),
    "ratings-v2": ("ratings-v2-5c8c7c8f69-h2s8m", "10.244.1.21"),
    "mongodb": ("mongodb-v1-7c5d9c9b6d-8lq6b", "10.244.1.22"),
}
VM_DETAILS_IP = "10.244.3.0"


def uid(pod_key):
    return "kubernetes://%s.%s" % (PODS[pod_key][0], NS)


def ip_of(pod_key):
    return PODS[pod_key][1]


def service_attrs(svc, release):
    host = "%s.%s.svc.cluster.local" % (svc, NS)
    if release in ("0.8",):
        return {"destination.service": S(host)}
    out = {
        "destination.service.host": S(host),
        "destination.service.name": S(svc),
        "destination.service.namespace": S(NS),
        "destination.service.uid": S("istio://%s/services/%s" % (NS, svc)),
    }
    if release == "1.0":
        out["destination.service"] = S(host)
    return out


def http_date(ts_val):
    s, _ = ts_val.v
    dt = EPOCH + datetime.timedelta(seconds=s)
    return dt.strftime("%a, %d %b %Y %H:%M:%S GMT")


def http_record(release, reporter, src, dst, svc, path, t, duration, request_id, trace,
                code=200, resp_size=178, ua="python-requests/2.21.0", port=9080,
                dst_ip=None, src_uid=True, method="GET", extra=None):
    """One HTTP report record as a 0.8-1.7 sidecar builds it.
    reporter: 'inbound' (sidecar of dst) or 'outbound' (sidecar of src)."""
    req_time = TS(t) if isinstance(t, str) else Val("timestamp", t)
    dur = DUR(duration)
    total = dur.v[0] * 10**9 + dur.v[1]
    resp_time = TS_AT(req_time.v, total)
    authority = "%s:%d" % (svc, port)
    traceid, spanid, parent = trace
    req_headers = [
        (":authority", authority),
        (":method", method),
        (":path", path),
        ("accept", "*/*"),
        ("accept-encoding", "gzip, deflate"),
        ("user-agent", ua),
        ("x-b3-parentspanid", parent),
        ("x-b3-sampled", "1"),
        ("x-b3-spanid", spanid),
        ("x-b3-traceid", traceid),
        ("x-forwarded-proto", "http"),
        ("x-request-id", request_id),
    ]
    service_ms = max(1, total // 10**6)
    resp_headers = [
        (":status", str(code)),
        ("content-length", str(resp_size)),
        ("content-type", "application/json"),
        ("date", http_date(resp_time)),
        ("server", "istio-envoy"),
        ("x-envoy-upstream-service-time", str(service_ms)),
    ]
    rec = {}
    if release not in ("0.8",):
        rec["connection.mtls"] = B(False)
    rec["context.protocol"] = S("http")
    if release not in ("0.8", "1.0"):
        rec["context.proxy_error_code"] = S("-")
        rec["context.reporter.kind"] = S(reporter)
        rec["context.reporter.uid"] = S(uid(dst if reporter == "inbound" else src))
    if release in ("1.3",):
        rec["context.proxy_version"] = S("1.3.5")
    if dst_ip is None:
        dst_ip = IP_MAPPED(ip_of(dst)) if reporter == "inbound" else IP4(ip_of(dst))
    rec["destination.ip"] = dst_ip
    rec["destination.port"] = I(port)
    rec.update(service_attrs(svc, release))
    rec["destination.uid"] = S(uid(dst))
    if reporter == "inbound":
        rec["origin.ip"] = IP4(ip_of(src))
    rec["request.headers"] = SM(req_headers)
    rec["request.host"] = S(authority)
    rec["request.id"] = S(request_id)
    rec["request.method"] = S(method)
    rec["request.path"] = S(path)
    rec["request.scheme"] = S("http")
    rec["request.size"] = I(0)
    rec["request.time"] = req_time
    rec["request.total_size"] = I(248 + len(path) + len(ua))
    if release not in ("0.8", "1.0"):
        rec["request.url_path"] = S(path.split("?")[0])
    rec["request.useragent"] = S(ua)
    rec["response.code"] = I(code)
    rec["response.duration"] = dur
    rec["response.headers"] = SM(resp_headers)
    rec["response.size"] = I(resp_size)
    rec["response.time"] = resp_time
    rec["response.total_size"] = I(resp_size + 165)
    if src_uid:
        rec["source.uid"] = S(uid(src))
    if extra:
        rec.update(extra)
    return rec


def tcp_record(release, reporter, event, conn_id, t, received, sent, received_total, sent_total,
               src_ip, dst_ip, port, svc, dst_uid=None, src_uid=None, reporter_uid=None,
               duration=None):
    """One TCP report record (connection open / close) of a 1.1+ sidecar."""
    rec = {}
    rec["connection.event"] = S(event)
    rec["connection.id"] = S(conn_id)
    rec["connection.mtls"] = B(False)
    rec["connection.received.bytes"] = I(received)
    rec["connection.received.bytes_total"] = I(received_total)
    rec["connection.sent.bytes"] = I(sent)
    rec["connection.sent.bytes_total"] = I(sent_total)
    if duration is not None:
        rec["connection.duration"] = DUR(duration)
    rec["context.protocol"] = S("tcp")
    rec["context.reporter.kind"] = S(reporter)
    if reporter_uid:
        rec["context.reporter.uid"] = S(reporter_uid)
    if release == "1.3":
        rec["context.proxy_version"] = S("1.3.5")
    rec["context.time"] = TS(t)
    rec["destination.ip"] = dst_ip
    rec["destination.port"] = I(port)
    rec.update(service_attrs(svc, release))
    if dst_uid:
        rec["destination.uid"] = S(dst_uid)
    rec["origin.ip"] = src_ip
    rec["source.ip"] = src_ip
    if src_uid:
        rec["source.uid"] = S(src_uid)
    return rec


TRACE_A = ("5e4f1e4c2fd0e0a1", "9c1f6bb3e7d2a4c8", "5e4f1e4c2fd0e0a1")
TRACE_B = ("0f0f8a3bd1c2e4b7", "d2a4c85e4f1e4c2f", "0f0f8a3bd1c2e4b7")
TRACE_C = ("7a3c9e1d5b2f4a68", "3b2f4a687a3c9e1d", "7a3c9e1d5b2f4a68")
TRACE_D = ("c81e728d9d4c2f63", "6f4922f45568161a", "c81e728d9d4c2f63")


# ---------------------------------------------------------------------------
# Scenarios
# ---------------------------------------------------------------------------

def scenario_report_08_delta():
    recs = [
        http_record("0.8", "inbound", "productpage", "details", "details", "/details/0",
                    "2018-06-12T10:24:31.604123000Z", "0.004621s",
                    "2b4e5a0c-6a8f-9d4e-b1a5-3c8f0e2d7b61", TRACE_A),
        http_record("0.8", "inbound", "productpage", "details", "details", "/details/0",
                    "2018-06-12T10:24:32.117865000Z", "0.003187s",
                    "8d1f0c3e-27a4-9b5e-a6c2-4e9b7d3f1a08", TRACE_B),
        http_record("0.8", "inbound", "productpage", "details", "details", "/details/0",
                    "2018-06-12T10:24:32.950042000Z", "0.003187s",
                    "c3a7e9b1-5d2f-9a4c-8e6b-1f0d3c5a7e92", TRACE_C, ua="curl/7.58.0"),
    ]
    return make_report(
        "report-0.8-delta", 178, recs, None,
        description="Istio 0.8 details sidecar, inbound HTTP, delta batch (field 4 absent): "
                    "record 0 full, records 1-2 carry only what changed.",
        checks=[(2, "request.useragent", "curl/7.58.0"),
                (2, "response.duration", "0.003187s"),
                (0, "destination.ip", "10.244.1.17")])


def scenario_report_10_delta():
    base = dict(release="1.0", reporter="inbound", src="productpage", dst="reviews-v3", svc="reviews")
    r0 = http_record(path="/reviews/0", t="2018-10-03T08:47:42.958412000Z", duration="0.021408s",
                     request_id="6f1c2b9e-4d7a-9e3b-8c5f-2a0d4e6b8c13", trace=TRACE_A, resp_size=375, **base)
    r1 = http_record(path="/reviews/0", t="2018-10-03T08:47:43.611007000Z", duration="1.204377s",
                     request_id="a9d3f7b1-0c5e-9f2a-b4d6-8e1c3a5f7b20", trace=TRACE_B, code=503,
                     resp_size=91, **base)
    # The type of response.code changes to STRING in record 2 (the overlay
    # replaces across types) and back to INT64 in record 3.
    r2 = dict(r1)
    r2.update(http_record(path="/reviews/0", t="2018-10-03T08:47:44.020931000Z", duration="0.018842s",
                          request_id="e2b8c4a6-1f7d-9c3e-a5b9-0d2f4c6e8a37", trace=TRACE_C,
                          resp_size=375, **base))
    r2["response.code"] = S("200")
    r3 = http_record(path="/reviews/0", t="2018-10-03T08:47:45.377560000Z", duration="0.019993s",
                     request_id="47c1e9a3-8b2d-9f6a-c0e4-5d7b9a1c3e58", trace=TRACE_D, resp_size=375, **base)
    return make_report(
        "report-1.0-delta", 203, [r0, r1, r2, r3], None,
        description="Istio 1.0 reviews-v3 sidecar, inbound HTTP, delta batch (field 4 absent): "
                    "deltas change response.code and response.duration; record 2 sends "
                    "response.code as a STRING, record 3 as INT64 again.",
        checks=[(1, "response.code", 503), (2, "response.code", "200"), (3, "response.code", 200),
                (1, "response.duration", "1.204377s"), (3, "response.duration", "0.019993s")])


def scenario_report_11_http():
    recs = [
        http_record("1.1", "inbound", "productpage", "productpage", "productpage", "/productpage",
                    "2019-05-20T08:12:20.125365976Z", "0.061722s",
                    "1c7e5a3f-9b2d-9e4c-a8f6-3d0b5e7c9a14", TRACE_A, resp_size=5183,
                    ua="Mozilla/5.0 (X11; Linux x86_64; rv:66.0) Gecko/20100101 Firefox/66.0",
                    src_uid=False,
                    extra={"source.uid": S("kubernetes://istio-ingressgateway-6f6c8c4d8c-9zq7x.istio-system"),
                           "origin.ip": IP4("10.244.0.7")}),
        http_record("1.1", "outbound", "productpage", "details", "details", "/details/0",
                    "2019-05-20T08:12:20.131047512Z", "0.003391876s",
                    "1c7e5a3f-9b2d-9e4c-a8f6-3d0b5e7c9a14", TRACE_B),
        http_record("1.1", "outbound", "productpage", "reviews-v2", "reviews", "/reviews/0",
                    "2019-05-20T08:12:20.136201377Z", "0.044519s",
                    "1c7e5a3f-9b2d-9e4c-a8f6-3d0b5e7c9a14", TRACE_C, resp_size=375),
    ]
    return make_report(
        "report-1.1-http", 221, recs, 1,
        description="Istio 1.1 productpage sidecar, INDEPENDENT: inbound GET /productpage from the "
                    "ingress gateway, outbound GET /details/0 and /reviews/0.",
        checks=[(0, "context.reporter.kind", "inbound"), (1, "context.reporter.kind", "outbound"),
                (1, "response.duration", "0.003391876s"), (0, "request.time", "2019-05-20T08:12:20.125365976Z"),
                (1, "destination.ip", "10.244.1.17"), (0, "destination.ip", "10.244.1.15")])


def scenario_report_13_mixed():
    conn1 = "4d9c2e7a-3b1f-4e8d-a6c5-0f2b7d9e1a34-117"
    conn2 = "4d9c2e7a-3b1f-4e8d-a6c5-0f2b7d9e1a34-118"
    mongo = dict(release="1.3", reporter="outbound", port=27017, svc="mongodb",
                 src_ip=IP4(ip_of("ratings-v2")), dst_ip=IP4(ip_of("mongodb")),
                 dst_uid=uid("mongodb"), src_uid=uid("ratings-v2"), reporter_uid=uid("ratings-v2"))
    recs = [
        http_record("1.3", "inbound", "reviews-v2", "ratings-v2", "ratings", "/ratings/0",
                    "2019-10-14T13:40:07.410983120Z", "0.006805s",
                    "93e1c5a7-2d4f-9b6e-80a2-c4e6a8b0d2f5", TRACE_A, resp_size=48,
                    ua="Apache-CXF/3.1.18"),
        tcp_record(event="open", conn_id=conn1, t="2019-10-14T13:40:07.412044000Z",
                   received=0, sent=0, received_total=0, sent_total=0, **mongo),
        tcp_record(event="close", conn_id=conn1, t="2019-10-14T13:40:07.415800000Z",
                   received=291, sent=204, received_total=291, sent_total=204,
                   duration="0.003756s", **mongo),
        http_record("1.3", "inbound", "reviews-v2", "ratings-v2", "ratings", "/ratings/0",
                    "2019-10-14T13:40:08.001517804Z", "0.005113s",
                    "b5f7d9e1-4a6c-9d8f-a2b4-e6f8a0c2e4a7", TRACE_B, resp_size=48,
                    ua="Apache-CXF/3.1.18"),
        tcp_record(event="open", conn_id=conn2, t="2019-10-14T13:40:08.002630000Z",
                   received=0, sent=0, received_total=0, sent_total=0, **mongo),
    ]
    return make_report(
        "report-1.3-mixed", 222, recs, 1,
        description="Istio 1.3 ratings-v2 sidecar, INDEPENDENT: inbound HTTP from reviews-v2 and "
                    "outbound TCP to mongodb (connection open/close).",
        checks=[(1, "connection.event", "open"), (2, "connection.event", "close"),
                (2, "connection.received.bytes", 291), (2, "connection.mtls", False),
                (2, "connection.duration", "0.003756s"), (0, "context.proxy_version", "1.3.5"),
                (1, "request.path", ABSENT)])


def vm_tcp_records():
    conn_in = "0c8e4a62-71d3-4f5b-9e2a-6b8d0f1c3e57-3"
    conn_out = "5a7c9e1b-3d5f-4a8c-b0e2-4f6a8c0e2b49-29"
    vm = dict(release="1.1", port=9080, svc="details", src_ip=IP4(ip_of("productpage")))
    inbound = dict(reporter="inbound", dst_ip=IP_MAPPED(VM_DETAILS_IP), **vm)
    outbound = dict(reporter="outbound", dst_ip=IP4(VM_DETAILS_IP), src_uid=uid("productpage"),
                    reporter_uid=uid("productpage"), **vm)
    return [
        tcp_record(event="open", conn_id=conn_in, t="2019-05-20T08:12:21.300118000Z",
                   received=0, sent=0, received_total=0, sent_total=0, **inbound),
        tcp_record(event="close", conn_id=conn_in, t="2019-05-20T08:12:21.304650000Z",
                   received=312, sent=358, received_total=312, sent_total=358,
                   duration="0.004532s", **inbound),
        tcp_record(event="open", conn_id=conn_out, t="2019-05-20T08:12:21.299874000Z",
                   received=0, sent=0, received_total=0, sent_total=0, **outbound),
        tcp_record(event="close", conn_id=conn_out, t="2019-05-20T08:12:21.305207000Z",
                   received=358, sent=312, received_total=358, sent_total=312,
                   duration="0.005333s", **outbound),
    ]


def scenario_report_11_vm_tcp():
    return make_report(
        "report-1.1-vm-tcp", 221, vm_tcp_records()[:2], 1,
        description="details runs on a VM registered with `istioctl register details 10.244.3.0 9080` "
                    "(port name without protocol -> Pilot builds a TCP proxy). The batch of the VM's "
                    "sidecar: inbound TCP open/close reports (context.protocol tcp, destination.ip "
                    "10.244.3.0 as 16-byte IPv4-mapped, no destination.uid, no request.*). Nothing "
                    "here feeds istio_requests_total.",
        checks=[(0, "context.protocol", "tcp"), (0, "destination.ip", "10.244.3.0"),
                (0, "destination.uid", ABSENT), (1, "request.path", ABSENT),
                (1, "destination.service.host", "details.default.svc.cluster.local"),
                (1, "connection.sent.bytes", 358)])


def scenario_productpage_outbound():
    reviews = http_record("1.1", "outbound", "productpage", "reviews-v1", "reviews", "/reviews/0",
                          "2019-05-20T08:12:21.310442871Z", "0.027164s",
                          "f3b5d7e9-6c8a-9e0b-a4c6-1a3c5e7a9c16", TRACE_D, resp_size=295)
    return make_report(
        "report-1.1-productpage-outbound", 221, vm_tcp_records()[2:] + [reviews], 1,
        description="The batch of productpage's sidecar in the same VM scenario: outbound TCP "
                    "open/close to details on the VM (port 9080 has no protocol name, so the "
                    "outbound listener is TCP too), then a healthy outbound HTTP report to reviews-v1.",
        checks=[(0, "destination.ip", "10.244.3.0"), (0, "context.reporter.kind", "outbound"),
                (1, "source.uid", "kubernetes://productpage-v1-54b8b9f55-bx2dq.default"),
                (2, "context.protocol", "http"), (2, "destination.ip", "10.244.2.11")])


def healthy_http_records():
    return [
        http_record("1.1", "inbound", "productpage", "details", "details", "/details/0",
                    "2019-05-20T08:12:20.131592204Z", "0.002208s",
                    "1c7e5a3f-9b2d-9e4c-a8f6-3d0b5e7c9a14", TRACE_B),
        http_record("1.1", "inbound", "productpage", "details", "details", "/details/0",
                    "2019-05-20T08:12:22.702311950Z", "0.001977s",
                    "de0f6a2c-5b8e-9a1d-b3c7-9f2e4a6c8e03", TRACE_D),
    ]


def scenario_report_11_healthy():
    return make_report(
        "report-1.1-healthy-http", 221, healthy_http_records(), 1,
        description="The no-findings control: Istio 1.1 details sidecar (details as a pod, service "
                    "port named http), inbound HTTP from productpage, INDEPENDENT.",
        checks=[(0, "context.protocol", "http"), (0, "response.code", 200),
                (0, "destination.uid", "kubernetes://details-v1-6764bbc7f7-2mzxl.default")])


def scenario_check_11():
    rec = http_record("1.1", "inbound", "productpage", "details", "details", "/details/0",
                      "2019-05-20T08:12:20.131047512Z", "0s",
                      "1c7e5a3f-9b2d-9e4c-a8f6-3d0b5e7c9a14", TRACE_B)
    # A Check is sent before the response exists: drop response.* and sizes.
    rec = {n: v for n, v in rec.items()
           if not n.startswith("response.") and n not in ("request.size", "request.total_size",
                                                          "context.proxy_error_code")}
    return make_check(
        "check-1.1", 221, rec, "b2a6e0c4-8f1d-4b7a-93e5-7c1d9f3b5a26",
        [("requestcountquota.quota.istio-system", (1, True))],
        description="Istio 1.1 details sidecar: Check for inbound GET /details/0 with one quota; "
                    "non-global words in attributes.words.",
        checks=[(0, "request.path", "/details/0"), (0, "response.code", ABSENT)])


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


# ---------------------------------------------------------------------------
# CheckResponse (Mixer's answer, seen in logs as "Check response: ...")
# ---------------------------------------------------------------------------
#
# Mixer compresses the names in ReferencedAttributes against its own global
# dictionary (the newest, 222 words, is used here) and ReferencedAttributes.words,
# the same way as CompressedAttributes: i >= 0 global, i < 0 words[-i - 1].

CONDITION_NAMES = {0: "CONDITION_UNSPECIFIED", 1: "ABSENCE", 2: "EXACT", 3: "REGEX"}


def make_check_response(name, status, matches, quotas, valid_duration=None, valid_use_count=None,
                        description=""):
    """status: (code, message); matches: [(attribute name, condition, map key or None)];
    quotas: [(quota name, granted_amount, valid_duration seconds)]."""
    table = WordTable(len(GLOBAL_WORDS))
    compressed = []
    for attr, condition, map_key in matches:
        compressed.append((table.index(attr), condition, None if map_key is None else table.index(map_key)))
    return {
        "name": name, "message": "check-response", "status": status, "matches": matches,
        "compressed": compressed, "words": table.words, "quotas": quotas,
        "valid_duration": valid_duration, "valid_use_count": valid_use_count,
        "description": description,
    }


def check_response_text(msg):
    limit = len(GLOBAL_WORDS)
    code, message = msg["status"]
    lines = ["precondition {"]
    status = []
    if code:
        status.append("code: %d" % code)
    if message:
        status.append("message: %s" % q(message))
    lines.append("  status { %s }" % " ".join(status) if status else "  status {}  # OK")
    if msg["valid_duration"] is not None:
        lines.append("  valid_duration { seconds: %d }" % msg["valid_duration"])
    if msg["valid_use_count"] is not None:
        lines.append("  valid_use_count: %d" % msg["valid_use_count"])
    lines.append("  referenced_attributes {")
    for slot, w in enumerate(msg["words"]):
        lines.append("    words: %s  # %d" % (q(w), -(slot + 1)))
    for name_index, condition, key_index in msg["compressed"]:
        key_part = " map_key: %d" % key_index if key_index is not None else ""
        note = word_note(name_index, msg["words"], limit)
        if key_index is not None:
            note += "[%s]" % word_note(key_index, msg["words"], limit)
        lines.append("    attribute_matches { name: %d condition: %s%s }  # %s"
                     % (name_index, condition, key_part, note))
    lines.append("  }")
    lines.append("}")
    for qname, granted, seconds in msg["quotas"]:
        lines.append("quotas { key: %s value { valid_duration { seconds: %d } granted_amount: %d } }"
                     % (q(qname), seconds, granted))
    return lines


def check_response_expected(msg):
    """From the symbolic description (names, not indices)."""
    code, message = msg["status"]
    status = {"code": code}
    if message:
        status["message"] = message
    out = {"status": status}
    if msg["valid_duration"] is not None:
        out["validDuration"] = render_value("", Val("duration", (msg["valid_duration"], 0)))
    if msg["valid_use_count"] is not None:
        out["validUseCount"] = msg["valid_use_count"]
    refs = []
    for attr, condition, map_key in msg["matches"]:
        ref = {"name": attr}
        if map_key is not None:
            ref["mapKey"] = map_key
        ref["condition"] = condition
        refs.append(ref)
    out["referencedAttributes"] = refs
    out["quotas"] = {qname: {"grantedAmount": granted,
                             "validDuration": render_value("", Val("duration", (seconds, 0)))}
                     for qname, granted, seconds in msg["quotas"]}
    # Cross-check: the compressed indices resolve back to the names.
    limit = len(GLOBAL_WORDS)
    for (attr, _, map_key), (ni, _, ki) in zip(msg["matches"], msg["compressed"]):
        assert resolve(ni, msg["words"], limit) == attr, (attr, ni)
        assert ki is None or resolve(ki, msg["words"], limit) == map_key, (map_key, ki)
    return {"message": "check-response", "dictionary": None, "records": [],
            "checkResponse": out, "findings": []}


def write_check_response(msg, outdir):
    name = msg["name"]
    obj = check_response_expected(msg)
    lines = header_lines(msg)
    lines.append(MARK + "%s %s" % REAL_TYPES["check-response"])
    lines.extend(check_response_text(msg))
    txt_path = os.path.join(outdir, name + ".txtpb")
    with open(txt_path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    data = encode_txtpb_file(txt_path)
    type_name, proto_file = REAL_TYPES["check-response"]
    if not protoc_decode_ok(type_name, proto_file, data):
        raise AssertionError("%s: protoc cannot decode the result with the real schema" % name)
    with open(os.path.join(outdir, name + ".bin"), "wb") as f:
        f.write(data)
    write_json(os.path.join(outdir, name + ".expected.json"), obj)
    return data, obj


def scenario_check_response_11():
    # The answer to check-1.1 (details, inbound GET /details/0): OK, cacheable
    # for 60 s or 10000 uses, keyed on the host, the :authority header, the
    # absence of an end-user header and of origin.user; one quota granted.
    return make_check_response(
        "check-response-1.1", (0, ""),
        [("destination.service.host", "EXACT", None),
         ("request.headers", "EXACT", ":authority"),
         ("request.headers", "ABSENCE", "end-user"),
         ("origin.user", "ABSENCE", None)],
        [("requestcountquota.quota.istio-system", 1, 1)],
        valid_duration=60, valid_use_count=10000,
        description="CheckResponse OK (status with code 0 written as an empty message), valid 60s "
                    "/ 10000 uses; referenced attributes: destination.service.host (global 193), "
                    "request.headers[:authority] (global 15, key global 31), "
                    "request.headers[end-user] absent (key: message word -1), origin.user absent "
                    "(name: message word -2); quota requestcountquota.quota.istio-system granted 1 "
                    "for 1s.")


def scenario_check_response_denied():
    return make_check_response(
        "check-response-denied", (7, "PERMISSION_DENIED:denyreviewsv3.denier.istio-system:Not allowed"),
        [("source.uid", "EXACT", None), ("destination.uid", "EXACT", None)],
        [], valid_duration=5, valid_use_count=1000,
        description="CheckResponse denied by a denier rule: status code 7 (PERMISSION_DENIED) with "
                    "Mixer's message, valid 5s / 1000 uses, referenced source.uid and destination.uid "
                    "(both global); no quota results.")


# ---------------------------------------------------------------------------
# Writing a scenario
# ---------------------------------------------------------------------------

REAL_TYPES = {
    "report": ("istio.mixer.v1.ReportRequest", "istio/mixer/v1/report.proto"),
    "check": ("istio.mixer.v1.CheckRequest", "istio/mixer/v1/check.proto"),
    "attributes": ("istio.mixer.v1.Attributes", "istio/mixer/v1/attributes.proto"),
    "check-response": ("istio.mixer.v1.CheckResponse", "istio/mixer/v1/check.proto"),
}


def header_lines(msg):
    out = ["# Generated by Scripts/corpus/generate.py; do not edit by hand.",
           "# Scenario %s:" % msg["name"]]
    words = msg["description"].split()
    line = "#  "
    for w in words:
        if len(line) + len(w) + 1 > 78:
            out.append(line)
            line = "#  "
        line += " " + w
    out.append(line)
    out.append("# Each '# @encode TYPE FILE' line starts a part that is encoded with")
    out.append("#   protoc --deterministic_output --encode=TYPE -I<dir> FILE")
    out.append("# (Protos + /usr/include for istio/..., Scripts/corpus for wire_view.proto);")
    out.append("# the .bin is the concatenation of the parts in order.")
    return out


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
    if msg["message"] == "check-response":
        return write_check_response(msg, outdir)
    name = msg["name"]
    obj, records = expected_object(msg)
    cross_check(msg, records)
    run_checks(msg, obj)
    if "post_check" in msg and not msg["post_check"](obj):
        raise AssertionError("%s: post_check failed" % name)

    lines = header_lines(msg)
    if msg["message"] == "attributes":
        lines.append(MARK + "%s %s" % REAL_TYPES["attributes"])
        lines.extend(attributes_text(msg))
    elif msg["message"] == "check":
        lines.append(MARK + "%s %s" % REAL_TYPES["check"])
        lines.extend(check_text(msg))
    elif msg.get("raw_entries"):
        limit = min(msg["count"], len(GLOBAL_WORDS))
        lines.append(MARK + "mixerdecode.wireview.ReportRawEntries wire_view.proto")
        for k, crec in enumerate(msg["records"]):
            mwords = crec["words"] or msg["default_words"]
            lines.append("attributes {  # record %d" % k)
            lines.extend(raw_record_text(crec, mwords, limit, 2))
            lines.append("}")
        lines.extend(report_text(msg, semantics_as_number=True, record_indices=[]))
    elif msg.get("multipart"):
        lines.extend(multipart_unknown_fields_text(msg))
    elif msg.get("wire"):
        lines.append(MARK + "mixerdecode.wireview.Report wire_view.proto")
        lines.extend(report_text(msg, semantics_as_number=True))
    else:
        lines.append(MARK + "%s %s" % REAL_TYPES["report"])
        lines.extend(report_text(msg))
    txt_path = os.path.join(outdir, name + ".txtpb")
    with open(txt_path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    data = encode_txtpb_file(txt_path)
    type_name, proto_file = REAL_TYPES[msg["message"]]
    if not protoc_decode_ok(type_name, proto_file, data):
        raise AssertionError("%s: protoc cannot decode the result with the real schema" % name)
    with open(os.path.join(outdir, name + ".bin"), "wb") as f:
        f.write(data)
    write_json(os.path.join(outdir, name + ".expected.json"), obj)
    return data, obj


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


def write_json(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(obj, ensure_ascii=False, indent=1, allow_nan=False) + "\n")


# ---------------------------------------------------------------------------
# gRPC frames, text renderings
# ---------------------------------------------------------------------------

def grpc_frame(body):
    return b"\x00" + len(body).to_bytes(4, "big") + body


def b64_wrapped(data):
    s = base64.b64encode(data).decode("ascii")
    return "".join(s[i:i + 76] + "\n" for i in range(0, len(s), 76))


def hex_plain(data):
    return data.hex() + "\n"


def hex_spaced(data, per_line=16):
    h = data.hex()
    pairs = [h[i:i + 2] for i in range(0, len(h), 2)]
    return "".join(" ".join(pairs[i:i + per_line]) + "\n" for i in range(0, len(pairs), per_line))


def hex_xxd_p(data):
    h = data.hex()
    return "".join(h[i:i + 60] + "\n" for i in range(0, len(h), 60))


# ---------------------------------------------------------------------------
# Broken files (byte surgery on good binaries) and the wire walker used to
# find offsets in them
# ---------------------------------------------------------------------------

def read_varint(buf, pos, end):
    start = pos
    result = 0
    shift = 0
    while True:
        if pos >= end:
            raise ValueError("varint at %d runs past %d" % (start, end))
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7
        if pos - start >= 10:
            raise ValueError("varint at %d longer than 10 bytes" % start)


def fields(buf, start, end):
    """Top-level fields of buf[start:end] (no groups in good messages)."""
    out = []
    pos = start
    while pos < end:
        tag_off = pos
        tag, pos = read_varint(buf, pos, end)
        fno, wt = tag >> 3, tag & 7
        f = {"field": fno, "wt": wt, "tag_off": tag_off, "value_off": pos}
        if wt == 0:
            _, pos = read_varint(buf, pos, end)
        elif wt == 1:
            pos += 8
        elif wt == 5:
            pos += 4
        elif wt == 2:
            n, p2 = read_varint(buf, pos, end)
            f["len_off"] = pos
            f["payload"] = p2
            pos = p2 + n
            f["payload_end"] = pos
        else:
            raise ValueError("unexpected wire type %d at %d" % (wt, tag_off))
        f["end"] = pos
        out.append(f)
    assert pos == end
    return out


def enc_varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def build_broken(sources, outdir):
    src_name = "report-1.3-mixed"
    src = sources[src_name]
    top = fields(src, 0, len(src))
    recs = [f for f in top if f["field"] == 1]
    n = len(recs)
    gwc = [f for f in top if f["field"] == 3][0]
    dw_first = [f for f in top if f["field"] == 2][0]
    assert n == 5 and dw_first["tag_off"] == recs[-1]["end"]
    entries = []
    source_path = "binary/%s.bin" % src_name

    def add(fname, data, mutation, codes, offset, complete, decodable, words_available,
            source=source_path, frame=None, note=None):
        with open(os.path.join(outdir, fname), "wb") as f:
            f.write(data)
        e = {"file": fname, "source": source, "message": "report", "mutation": mutation,
             "findings": codes, "offset": offset}
        if frame is not None:
            e["frame"] = frame
        e["completeRecordsBefore"] = complete
        e["decodableRecords"] = decodable
        e["defaultWordsAvailable"] = words_available
        if note:
            e["note"] = note
        if frame is None:
            e["protocDecodes"] = protoc_decode_ok("istio.mixer.v1.ReportRequest",
                                                  "istio/mixer/v1/report.proto", data)
        entries.append(e)

    all_recs = list(range(n))

    # 1. Cut inside the 2-byte global_word_count varint (222 = 0xde 0x01).
    assert gwc["end"] - gwc["value_off"] == 2
    cut = gwc["value_off"] + 1
    add("truncated-mid-varint.bin", src[:cut],
        "cut after the first byte of the 2-byte global_word_count varint (top level)",
        ["truncated"], gwc["value_off"], n, all_recs, True)

    # 2. Cut inside a record's 2-byte length prefix.
    k = next(i for i in range(3, n) if recs[i]["payload"] - recs[i]["len_off"] == 2)
    add("truncated-mid-length.bin", src[:recs[k]["len_off"] + 1],
        "cut after the first byte of record %d's 2-byte length prefix" % k,
        ["truncated"], recs[k]["len_off"], k, list(range(k)), False)

    # 3. Cut in the middle of record 2's payload.
    r = recs[2]
    cut = r["payload"] + (r["payload_end"] - r["payload"]) // 2
    add("truncated-mid-record.bin", src[:cut],
        "cut in the middle of record 2's payload (%d of %d payload bytes kept)"
        % (cut - r["payload"], r["payload_end"] - r["payload"]),
        ["truncated"], r["len_off"], 2, [0, 1], False)

    # 4. Cut exactly after record 3: still a well-formed message.
    cut = recs[3]["end"]
    add("truncated-after-record.bin", src[:cut],
        "cut right after the last byte of record 3 (default_words, global_word_count and "
        "repeated_attributes_semantics are lost)",
        ["dictionary-mismatch", "unknown-index"], None, 4, [0, 1, 2, 3], False,
        note="No structural damage: the bytes are a complete ReportRequest with 4 records, "
             "global_word_count 0 (absent) and field 4 absent (= DELTA_ENCODING). Nothing marks "
             "the cut; the decoder should report dictionary-mismatch (count 0) and unknown-index "
             "for every negative index (no default_words). As a delta batch the 4 full records "
             "overlay each other. The framed copy truncated-after-record.grpc makes the cut "
             "detectable.")

    # 5. global_word_count value replaced by 11 bytes 0xff.
    data = src[:gwc["value_off"]] + b"\xff" * 11 + src[gwc["end"]:]
    add("varint-11-ff.bin", data,
        "global_word_count's value replaced by 11 bytes 0xff (a varint may have at most 10 bytes)",
        ["malformed"], gwc["value_off"], n, all_recs, True)

    # 6. The last record's length points past the end of the input.
    r = recs[-1]
    width = r["payload"] - r["len_off"]
    new_len = len(src) - r["payload"] + 16
    lv = enc_varint(new_len)
    assert len(lv) == width, (len(lv), width)
    data = src[:r["len_off"]] + lv + src[r["payload"]:]
    add("length-past-end.bin", data,
        "record %d's length prefix set to %d (the input has %d bytes after it)"
        % (n - 1, new_len, len(src) - r["payload"]),
        ["truncated"], r["len_off"], n - 1, list(range(n - 1)), False)

    # 7. Damage inside record 2 whose own length is intact: its last
    # length-delimited entry claims 127 bytes, past the end of record 2.
    r = recs[2]
    inner = fields(src, r["payload"], r["payload_end"])
    last = [f for f in inner if f["wt"] == 2][-1]
    assert last["payload"] - last["len_off"] == 1
    assert last["payload"] + 127 > r["payload_end"] and last["payload"] + 127 <= len(src)
    data = src[:last["len_off"]] + b"\x7f" + src[last["payload"]:]
    add("damage-inside-record-2.bin", data,
        "inside record 2 (outer length intact) the length of its last map entry set to 127, "
        "past the end of record 2",
        ["malformed"], last["len_off"], 2, [0, 1, 3, 4], True)

    # 8. Wire type 6 in the tag of record 3 (top level).
    r = recs[3]
    assert src[r["tag_off"]] == 0x0A
    data = src[:r["tag_off"]] + b"\x0e" + src[r["tag_off"] + 1:]
    add("wire-type-6.bin", data, "top-level tag of record 3 changed from 0x0a to 0x0e "
        "(field 1, wire type 6)", ["malformed"], r["tag_off"], 3, [0, 1, 2], False)

    # 9. Wire type 7 in the first map-entry tag inside record 1.
    r = recs[1]
    first = fields(src, r["payload"], r["payload_end"])[0]
    old = src[first["tag_off"]]
    assert old & 7 == 2 and old < 0x80
    data = src[:first["tag_off"]] + bytes([(old & ~7) | 7]) + src[first["tag_off"] + 1:]
    add("wire-type-7.bin", data, "inside record 1 (outer length intact) the first map-entry tag "
        "changed from 0x%02x to 0x%02x (wire type 7)" % (old, (old & ~7) | 7),
        ["malformed"], first["tag_off"], 1, [0, 2, 3, 4], True)

    # 10. Field number 0: the global_word_count tag 0x18 becomes 0x00.
    assert src[gwc["tag_off"]] == 0x18
    data = src[:gwc["tag_off"]] + b"\x00" + src[gwc["tag_off"] + 1:]
    add("field-number-0.bin", data, "top-level tag of global_word_count changed from 0x18 to 0x00 "
        "(field number 0, wire type 0)", ["malformed"], gwc["tag_off"], n, all_recs, True)

    # 11. An end-group tag with no start group, inside record 0.
    r = recs[0]
    first = fields(src, r["payload"], r["payload_end"])[0]
    old = src[first["tag_off"]]
    new = ((old >> 3) << 3) | 4
    data = src[:first["tag_off"]] + bytes([new]) + src[first["tag_off"] + 1:]
    add("end-group-without-start.bin", data, "inside record 0 (outer length intact) the first "
        "map-entry tag changed from 0x%02x to 0x%02x (end group of field %d, never started)"
        % (old, new, old >> 3), ["malformed"], first["tag_off"], 0, [1, 2, 3, 4], True)

    # 12. 200 nested groups (unknown field 15) after the last record.
    at = recs[-1]["end"]
    data = src[:at] + b"\x7b" * 200 + b"\x7c" * 200 + src[at:]
    add("nested-group-200.bin", data, "inserted after the last record: 200 start-group tags of "
        "field 15 (0x7b) then 200 end-group tags (0x7c)", ["limit-exceeded", "unknown-field"], at + 100, n, all_recs,
        False, note="Well-formed wire data, but nested deeper than the decoder's default limit of 100 "
        "groups (protobuf's default recursion limit; --max-depth raises it): the offset is the "
        "start-group tag that opens level 101. A decoder cannot find the end of the group without walking it, so "
        "default_words after it is lost.")

    # 13. Record 0's length replaced by 0x7fffffff.
    r = recs[0]
    data = src[:r["len_off"]] + b"\xff\xff\xff\xff\x07" + src[r["payload"]:]
    add("length-7fffffff.bin", data, "record 0's length prefix replaced by the 5-byte varint "
        "0x7fffffff (ff ff ff ff 07)", ["truncated"], r["len_off"], 0, [], False)

    # 14. gRPC stream whose 2nd frame is broken (wire type 7 in the top-level
    # tag of its record 2) while frames 1 and 3 are intact.
    f0 = sources["report-1.1-healthy-http"]
    f2 = sources["report-1.1-http"]
    r = recs[2]
    body = src[:r["tag_off"]] + b"\x0f" + src[r["tag_off"] + 1:]
    stream = grpc_frame(f0) + grpc_frame(body) + grpc_frame(f2)
    offset = len(grpc_frame(f0)) + 5 + r["tag_off"]
    add("frames-second-broken.grpc", stream, "three gRPC frames (report-1.1-healthy-http, "
        "report-1.3-mixed, report-1.1-http); in frame 1 the top-level tag of record 2 changed "
        "from 0x0a to 0x0f (wire type 7); frame lengths intact",
        ["malformed"], offset, 2, [0, 1], False, frame=1,
        source=["binary/report-1.1-healthy-http.bin", source_path, "binary/report-1.1-http.bin"],
        note="Frames 0 and 2 decode completely (expected objects: the sources' expected.json). "
             "completeRecordsBefore/decodableRecords refer to frame 1.")

    # 15. One gRPC frame whose body is cut right after record 3.
    cut = recs[3]["end"]
    data = grpc_frame(src)[:5 + cut]
    add("truncated-after-record.grpc", data, "gRPC frame announcing %d bytes, body cut right "
        "after record 3 (%d bytes present)" % (len(src), cut),
        ["truncated"], 1, 4, [0, 1, 2, 3], False, frame=0,
        note="The frame's declared length runs past the end of the input: the offset is the "
             "first byte of the frame's 4-byte length field.")

    manifest = {
        "about": "Damaged copies of good corpus binaries (byte surgery on protoc output). "
                 "Generated by Scripts/corpus/generate.py.",
        "offsetRule": OFFSET_RULE,
        "fields": {
            "source": "the good file(s) the bytes came from",
            "findings": "finding codes the decoder must report for this file (truncated / "
                        "malformed, plus others where relevant)",
            "offset": "byte offset, counted from 0 at the start of the file (frame headers "
                      "included), at which the decoder detects the damage; null when nothing "
                      "in the bytes marks it",
            "frame": "for .grpc files: index of the damaged frame",
            "completeRecordsBefore": "records that lie complete before the offset and must "
                                     "still be decoded (in the damaged frame for .grpc files)",
            "decodableRecords": "indices of the records whose bytes are intact and can be "
                                "decoded (a record whose own length is intact can be skipped, "
                                "so damage inside it does not stop the records after it)",
            "defaultWordsAvailable": "whether ReportRequest.default_words (after the records "
                                     "on the wire) can still be read; if not, negative indices "
                                     "of the decodable records cannot be resolved",
            "protocDecodes": "informational: whether protoc --decode accepts the file",
        },
        "files": entries,
    }
    write_json(os.path.join(outdir, "manifest.json"), manifest)


OFFSET_RULE = (
    "Offsets count bytes from 0 at the start of the file (gRPC frame headers included). The "
    "decoder reads front to back and checks every length against the bytes left in its "
    "enclosing scope before it descends into it. The offset is the first byte of the first "
    "item that fails: (a) a varint (tag, length or value) that is cut by the end of the input "
    "or is longer than 10 bytes: its first byte; (b) a tag with wire type 6 or 7, field number "
    "0, an end-group without a matching start-group, or a start-group that would nest deeper "
    "than 100 groups: the first byte of that tag; (c) a length prefix whose length exceeds the "
    "bytes left in its scope: the first byte of the length prefix; for a gRPC frame whose "
    "declared length exceeds the input: the first byte of the frame's 4-byte length field. "
    "The code is 'truncated' when the failing item runs past the end of the whole input, and "
    "'malformed' when it breaks the wire format or runs past the end of an enclosing message "
    "(or gRPC frame) that is itself complete."
)


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

SCENARIOS = [
    scenario_report_08_delta, scenario_report_10_delta, scenario_report_11_http,
    scenario_report_13_mixed, scenario_report_11_vm_tcp, scenario_report_11_healthy,
    scenario_check_11, scenario_odd_values, scenario_fallback_111, scenario_record_words,
    scenario_unknown_index, scenario_dictionary_too_new, scenario_duplicates,
    scenario_duplicates_delta, scenario_map_entry_order, scenario_unknown_fields,
    scenario_unknown_semantics, scenario_attributes, scenario_productpage_outbound,
    scenario_check_response_11, scenario_check_response_denied,
]


def fresh_dir(path):
    if os.path.isdir(path):
        shutil.rmtree(path)
    os.makedirs(path)


def main():
    if shutil.which("protoc") is None:
        sys.exit("generate.py: protoc not found (Debian: apt-get install protobuf-compiler)")
    dirs = {d: os.path.join(CORPUS, d) for d in ("binary", "frames", "text", "broken", "examples")}
    for d in dirs.values():
        fresh_dir(d)

    sources, expected = {}, {}
    for make in SCENARIOS:
        msg = make()
        data, obj = write_scenario(msg, dirs["binary"])
        sources[msg["name"]] = data
        expected[msg["name"]] = obj

    def write_frames(path, names_or_pairs):
        blob = b""
        objs = []
        for item in names_or_pairs:
            data, obj = (sources[item], expected[item]) if isinstance(item, str) else item
            blob += grpc_frame(data)
            objs.append(obj)
        with open(path, "wb") as f:
            f.write(blob)
        write_json(os.path.splitext(path)[0] + ".expected.json", objs)
        return blob, objs

    two = write_frames(os.path.join(dirs["frames"], "two-reports.grpc"),
                       ["report-1.1-http", "report-1.3-mixed"])
    rac = write_frames(os.path.join(dirs["frames"], "report-and-check.grpc"),
                       ["check-1.1", "report-1.1-healthy-http", "report-1.0-delta"])
    write_frames(os.path.join(dirs["examples"], "vm-details-tcp.grpc"),
                 ["report-1.1-vm-tcp", "report-1.1-productpage-outbound"])

    texts = [
        ("report-1.1-vm-tcp.b64", b64_wrapped(sources["report-1.1-vm-tcp"]), expected["report-1.1-vm-tcp"]),
        ("report-0.8-delta.b64", b64_wrapped(sources["report-0.8-delta"]), expected["report-0.8-delta"]),
        ("check-1.1.hex", hex_plain(sources["check-1.1"]), expected["check-1.1"]),
        ("report-1.1-http.hex", hex_spaced(sources["report-1.1-http"]), expected["report-1.1-http"]),
        ("two-reports.b64", b64_wrapped(two[0]), two[1]),
        ("report-and-check.hex", hex_xxd_p(rac[0]), rac[1]),
    ]
    for fname, content, obj in texts:
        with open(os.path.join(dirs["text"], fname), "w", encoding="ascii") as f:
            f.write(content)
        write_json(os.path.join(dirs["text"], os.path.splitext(fname)[0] + ".expected.json"), obj)

    build_broken(sources, dirs["broken"])
    print("generate.py: wrote %d scenarios, frames, text, examples and broken files under %s"
          % (len(SCENARIOS), os.path.relpath(CORPUS, os.getcwd())))


if __name__ == "__main__":
    main()
