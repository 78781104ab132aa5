#!/usr/bin/env python3
"""Regenerate Corpus/logs/: Envoy debug logs that carry Mixer requests as
protobuf text (C++ DebugString), each with NAME.expected.json.

Run after generate.py (generate.sh does): the dumps are printed by
`protoc --decode` from Corpus/binary/*.bin, never by this script. protoc's
text printer is the one behind C++ DebugString (two-space indent, fields in
field-number order, map entries sorted by key, C escapes with three-digit
octal for every byte outside 0x20-0x7E). A few extra messages that have no
file in Corpus/binary (uncompressed Attributes of a request, small Checks, a
Check with a 17 KB cookie) are described with generate.py's building blocks,
encoded by protoc and printed by protoc the same way. Only deliberately
damaged text is made here, by cutting or editing protoc's output.

Expectations come from the text: a small line-oriented reader of the
DebugString text (below) finds the records, map entries and words that are
complete in the text as it appears in the log, and generate.py's Mixer rules
resolve them. For every complete dump of a Corpus/binary scenario the result
must equal that scenario's expected.json (checked here), so the text reader
and the binary expectations agree before any damage is applied.

Python 3 standard library and protoc only. Deterministic: no clock, no
random module (noise bytes come from SHA-256 of fixed seeds).
"""

import base64
import datetime
import hashlib
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ next to generate.py
import generate as G  # noqa: E402  (the corpus building blocks and Mixer's rules)

BINARY = os.path.join(G.CORPUS, "binary")
LOGS = os.path.join(G.CORPUS, "logs")

TYPES = {
    "report": ("istio.mixer.v1.ReportRequest", "istio/mixer/v1/report.proto"),
    "check": ("istio.mixer.v1.CheckRequest", "istio/mixer/v1/check.proto"),
    "attributes": ("istio.mixer.v1.Attributes", "istio/mixer/v1/attributes.proto"),
    "check-response": ("istio.mixer.v1.CheckResponse", "istio/mixer/v1/check.proto"),
}

DEPTH_LIMIT = 100  # protobuf's default recursion limit, as the binary decoder


# ---------------------------------------------------------------------------
# protoc
# ---------------------------------------------------------------------------

def protoc_encode(message, text):
    type_name, proto_file = TYPES[message]
    return G.protoc(["--deterministic_output", "--encode=" + type_name,
                     "-IProtos", "-I" + G.SYSTEM_INCLUDE, proto_file], text.encode("utf-8"))


def protoc_decode(message, data):
    """DebugString text of `data` as protoc prints it (ASCII, ends with \\n)."""
    type_name, proto_file = TYPES[message]
    out = G.protoc(["--decode=" + type_name, "-IProtos", "-I" + G.SYSTEM_INCLUDE, proto_file], data)
    text = out.decode("ascii")  # octal escapes: protoc's text is pure ASCII
    assert text.endswith("\n") or text == "", text[-50:]
    return text


class Source:
    """A Corpus/binary scenario: its bytes, protoc's text and its expected.json."""

    def __init__(self, name):
        self.name = name
        with open(os.path.join(BINARY, name + ".bin"), "rb") as f:
            self.data = f.read()
        with open(os.path.join(BINARY, name + ".expected.json"), encoding="utf-8") as f:
            self.expected = json.load(f)
        self.message = self.expected["message"]
        self.text = protoc_decode(self.message, self.data)
        self.path = "binary/%s.bin" % name


_SOURCES = {}


def src(name):
    if name not in _SOURCES:
        _SOURCES[name] = Source(name)
    return _SOURCES[name]


class Built:
    """A message described with generate.py's blocks (no Corpus/binary file)."""

    def __init__(self, message, txt, expected):
        self.name = None
        self.message = message
        self.data = protoc_encode(message, txt)
        self.text = protoc_decode(message, self.data)
        self.expected = expected
        self.path = None


def built_attributes(record):
    """Uncompressed Attributes of one symbolic record (what `Check attributes:`
    and `Report attributes:` print before compression)."""
    msg = {"attributes": record}
    expected = {"message": "attributes", "dictionary": None,
                "records": [{"attributes": G.render_attributes(record)}], "findings": []}
    return Built("attributes", "\n".join(G.attributes_text(msg)) + "\n", expected)


def built_check(msg):
    obj, records = G.expected_object(msg)
    G.cross_check(msg, records)
    return Built("check", "\n".join(G.check_text(msg)) + "\n", obj)


# ---------------------------------------------------------------------------
# Reading DebugString text (for the expectations)
# ---------------------------------------------------------------------------
#
# One item per line, as C++ DebugString writes it: `name {`, `}`, or
# `name: value`. Structure comes from the braces only (indentation is not
# trusted). A `}` with no open block closes a block that began before the
# text (a fragment that starts mid-message): everything read so far at that
# level becomes the content of a "headless" block, which is incomplete.
# Blocks still open when the text ends are incomplete too.

IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|[0-9]+")
SIMPLE_ESCAPES = {"n": 0x0A, "r": 0x0D, "t": 0x09, '"': 0x22, "'": 0x27, "\\": 0x5C,
                  "a": 0x07, "b": 0x08, "f": 0x0C, "v": 0x0B, "?": 0x3F}


class Block:
    __slots__ = ("name", "line", "col", "items", "closed", "depth")

    def __init__(self, name, line, col, depth):
        self.name = name      # None for a headless block (its start is not in the text)
        self.line = line      # index of the dump line
        self.col = col        # 0-based column in the dump line
        self.items = []
        self.closed = False
        self.depth = depth

    @property
    def complete(self):
        return self.name is not None and self.closed


class Field:
    __slots__ = ("name", "value", "line", "col", "problems")

    def __init__(self, name, value, line, col, problems):
        self.name = name
        self.value = value    # ("string", bytes) or ("token", str)
        self.line = line
        self.col = col
        self.problems = problems  # [(dump line index, column, message)]


def read_string(s, i, li):
    """s[i] is the opening quote. Returns (bytes, end index, problems).
    Rules: unknown escapes (`\\9`, `\\q`) and `\\x` without a hex digit are
    kept as written and reported; a string not closed on its line ends at the
    end of the line and is reported at its opening quote."""
    quote = s[i]
    out = bytearray()
    problems = []
    j = i + 1
    while j < len(s):
        c = s[j]
        if c == quote:
            return bytes(out), j + 1, problems
        if c != "\\":
            out += c.encode("utf-8")
            j += 1
            continue
        if j + 1 >= len(s):
            problems.append((li, j, "a backslash ends the line"))
            out += b"\\"
            j += 1
            continue
        e = s[j + 1]
        if e in SIMPLE_ESCAPES:
            out.append(SIMPLE_ESCAPES[e])
            j += 2
        elif e in "01234567":
            k = j + 1
            digits = ""
            while k < len(s) and len(digits) < 3 and s[k] in "01234567":
                digits += s[k]
                k += 1
            out.append(int(digits, 8) & 0xFF)
            j = k
        elif e in "xX":
            k = j + 2
            digits = ""
            while k < len(s) and len(digits) < 2 and s[k] in "0123456789abcdefABCDEF":
                digits += s[k]
                k += 1
            if digits:
                out.append(int(digits, 16))
            else:
                problems.append((li, j, "\\x without hex digits"))
                out += ("\\" + e).encode("utf-8")
            j = k
        else:
            problems.append((li, j, "unknown escape \\" + e))
            out += ("\\" + e).encode("utf-8")
            j += 2
    problems.append((li, i, "string not closed on its line"))
    return bytes(out), len(s), problems


class Parse:
    """The block tree of one dump plus what the reader noticed."""

    def __init__(self, lines):
        self.root = Block("<root>", 0, 0, 0)
        self.root.closed = True
        self.headless = 0            # `}` with nothing open: the text starts mid-message
        self.open_at_end = False     # the text ends inside a block
        self.malformed = []          # (line index, col, message, innermost named block chain)
        self.limit = None            # (line index, col) of the block that opens level 101
        stack = [self.root]
        for li, raw in enumerate(lines):
            s = raw.rstrip(" \t\r")
            i = len(s) - len(s.lstrip(" \t"))
            if i == len(s):
                continue
            if s[i] == "}" and s[i + 1:].strip() == "":
                if len(stack) > 1:
                    stack[-1].closed = True
                    stack.pop()
                else:
                    # Wrap everything read so far in a headless block.
                    inner = Block(None, 0, 0, 1)
                    inner.items = self.root.items
                    inner.closed = True
                    for b in _blocks(inner.items):
                        _shift_depth(b, 1)
                    self.root.items = [inner]
                    self.headless += 1
                continue
            m = IDENT.match(s, i)
            if not m:
                self.malformed.append((li, i, "not a field", list(stack)))
                continue
            name = m.group(0)
            j = m.end()
            while j < len(s) and s[j] in " \t":
                j += 1
            if j < len(s) and s[j] == "{" and s[j + 1:].strip() == "":
                b = Block(name, li, i, len(stack))
                stack[-1].items.append(b)
                stack.append(b)
                if b.depth > DEPTH_LIMIT and self.limit is None:
                    self.limit = (li, i, list(stack[:-1]))
                continue
            if j < len(s) and s[j] == ":":
                j += 1
                while j < len(s) and s[j] in " \t":
                    j += 1
                if j < len(s) and s[j] in "\"'":
                    value, end, problems = read_string(s, j, li)
                    f = Field(name, ("string", value), li, i, problems)
                    rest = s[end:]
                else:
                    tok = re.match(r"[^\s]+", s[j:])
                    f = Field(name, ("token", tok.group(0) if tok else ""), li, i, [])
                    rest = s[j + (tok.end() if tok else 0):]
                if rest.strip():
                    f.problems.append((li, len(s) - len(rest), "text after the value"))
                stack[-1].items.append(f)
                for p in f.problems:
                    self.malformed.append(p + (list(stack),))
                continue
            self.malformed.append((li, i, "not a field", list(stack)))
        self.open_at_end = len(stack) > 1


def _blocks(items):
    return [x for x in items if isinstance(x, Block)]


def _shift_depth(block, by):
    todo = [block]
    while todo:
        b = todo.pop()
        b.depth += by
        todo.extend(_blocks(b.items))


def fields(block, name):
    return [x for x in block.items if isinstance(x, Field) and x.name == name]


def field(block, name, default=None):
    found = fields(block, name)
    return found[-1] if found else default


def tok(f):
    assert f.value[0] == "token", (f.name, f.value)
    return f.value[1]


def as_int(f, default=0):
    return default if f is None else int(tok(f), 0)


def as_bytes(f):
    assert f.value[0] == "string", (f.name, f.value)
    return f.value[1]


def as_double(f):
    t = tok(f)
    return {"inf": float("inf"), "-inf": float("-inf"), "nan": float("nan")}.get(t) or float(t)


def as_bool(f):
    return {"true": True, "false": False}[tok(f)]


def as_word(f):
    b = as_bytes(f)
    return b.decode("utf-8")


MAP_KINDS = {v: k for k, v in G.FIELD_OF_KIND.items()}  # "strings" -> "string"
RECORD_FIELDS = set(MAP_KINDS) | {"words"}


# ---------------------------------------------------------------------------
# Expectations of one dump
# ---------------------------------------------------------------------------

class Located:
    """Maps (dump line index, 0-based column) to (physical line, 1-based column)."""

    def __init__(self, first_line, first_col_offset, col_offsets=None):
        self.first_line = first_line
        self.first_col_offset = first_col_offset
        self.col_offsets = col_offsets

    def at(self, li, col):
        offset = self.first_col_offset if li == 0 else (self.col_offsets[li] if self.col_offsets else 0)
        return self.first_line + li, offset + col + 1


def text_finding(code, loc, li, col=None, record=None, attribute=None):
    f = {"code": code}
    if record is not None:
        f["record"] = record
    if attribute is not None:
        f["attribute"] = attribute
    line, column = loc.at(li, col if col is not None else 0)
    f["line"] = line
    if col is not None:
        f["column"] = column
    return f


def sort_findings(findings):
    return sorted(findings, key=lambda f: (f.get("record", -1), f["code"], f.get("attribute", ""),
                                           f.get("line", 0), f.get("column", 0)))


def record_entries(block, k, loc, findings):
    """Complete map entries of a record block -> crec for generate.py's
    evaluate_record. Incomplete entries are left out."""
    crec = {"words": [], "entries": [], "unknown": []}
    words_open = True  # words are trustworthy once something follows them or the block closes
    for x in block.items:
        if isinstance(x, Field) and x.name == "words":
            crec["words"].append(as_word(x))
            continue
        if isinstance(x, Field):
            findings.append(text_finding("unknown-field", loc, x.line, x.col, record=k))
            words_open = False
            continue
        words_open = False
        if x.name not in MAP_KINDS:
            if x.name is not None:
                findings.append(text_finding("unknown-field", loc, x.line, x.col, record=k))
            continue
        if not x.complete:
            continue
        kind = MAP_KINDS[x.name]
        key = as_int(field(x, "key"))
        vf = field(x, "value")
        vb = [b for b in _blocks(x.items) if b.name == "value"]
        if kind == "string":
            value = as_int(vf)
        elif kind == "int64":
            value = as_int(vf)
        elif kind == "double":
            value = as_double(vf) if vf else 0.0
        elif kind == "bool":
            value = as_bool(vf) if vf else False
        elif kind == "bytes":
            value = as_bytes(vf) if vf else b""
        elif kind in ("timestamp", "duration"):
            v = vb[-1] if vb else None
            value = (as_int(field(v, "seconds")) if v else 0, as_int(field(v, "nanos")) if v else 0)
        else:
            value = []
            for v in vb:
                for e in _blocks(v.items):
                    if e.name == "entries":
                        value.append(G.entry("idx", as_int(field(e, "key")), as_int(field(e, "value"))))
        crec["entries"].append(G.entry(kind, key, value))
    words_complete = block.closed or not words_open
    return crec, words_complete


def indices_of(e):
    out = [e["key"]]
    if e["kind"] == "string":
        out.append(e["value"])
    elif e["kind"] == "string_map":
        for sub in e["value"]:
            out += [sub["key"], sub["value"]]
    return out


def evaluate_records(recs, count, semantics, report_words, report_words_complete, findings):
    """recs: [(crec, words_complete, block)]. Returns rendered records."""
    limit = min(count, len(G.GLOBAL_WORDS)) if count is not None else len(G.GLOBAL_WORDS)
    delta = semantics in (None, 0)
    out = []
    accumulated = {}
    for k, (crec, own_complete, block) in enumerate(recs):
        if block is not None and block.name is None:
            # The record the text starts inside: Mixer resolves its message
            # indices against its own words when it has any (listed first,
            # where the cut is), else default_words; which, the text no
            # longer says, so entries that use message words are lost.
            mwords, complete = [], False
        elif crec["words"]:
            mwords, complete = crec["words"], own_complete
        else:
            mwords, complete = report_words, report_words_complete
        if not complete:
            kept = []
            lost = False
            for e in crec["entries"]:
                if any(i < 0 and ~i >= len(mwords) for i in indices_of(e)):
                    lost = True
                else:
                    kept.append(e)
            if lost:
                findings.append({"code": "truncated", "record": k})
            crec = dict(crec, entries=kept)
        vals = G.evaluate_record(crec, mwords, limit, k, findings)
        if delta:
            accumulated.update(vals)
            out.append(dict(accumulated))
        else:
            out.append(vals)
    return [{"attributes": G.render_attributes(r)} for r in out]


def report_attr_name(block, mwords, limit):
    kf = field(block, "key")
    if kf is None:
        return None
    return G.resolve(as_int(kf), mwords, limit)


def expect_dump(message, lines, loc, cut_end):
    """The expectation for one dump whose text lines (as they stand in the
    log, damage included) are `lines`. cut_end: the dump is not followed by
    the empty line that ends every complete dump."""
    p = Parse(lines)
    findings = []
    partial_records = set()
    obj = {"message": message}

    def malformed_findings(record_of):
        for li, col, _msg, chain in p.malformed:
            if li == last_line and (cut_end or p.open_at_end):
                continue  # the cut itself (e.g. a string cut open): reported as truncated only
            rec, attr = record_of(chain)
            findings.append(text_finding("malformed", loc, li, col, record=rec, attribute=attr))
            if rec is not None:
                partial_records.add(rec)

    last_line = len(lines) - 1
    cut_in = None  # the top-level block the text ends in
    if p.open_at_end:
        tops = _blocks(p.root.items)
        cut_in = tops[-1] if tops and not tops[-1].closed else None

    if message == "report" or message == "check":
        tops = _blocks(p.root.items)
        record_blocks = [b for b in tops if b.name in ("attributes", None)]
        for b in tops:
            if b.name not in ("attributes", None, "quotas"):
                findings.append(text_finding("unknown-field", loc, b.line, b.col))
        count_f = field(p.root, "global_word_count")
        count = as_int(count_f) if count_f else None
        if message == "report":
            words = [as_word(f) for f in fields(p.root, "default_words")]
            sem_f = field(p.root, "repeated_attributes_semantics")
            if sem_f is None:
                # Absent means DELTA in a complete dump; a cut dump may just
                # have lost the line, so its records are read as written.
                semantics = None if not (cut_end or p.open_at_end) else 1
            else:
                t = tok(sem_f)
                semantics = {"DELTA_ENCODING": 0, "INDEPENDENT_ENCODING": 1}.get(t)
                if semantics is None:
                    semantics = int(t)
            words_complete = count is not None or not (cut_end or p.open_at_end)
        else:
            words, words_complete, semantics = [], True, 1
        known = {"attributes", "default_words", "global_word_count", "repeated_attributes_semantics"} \
            if message == "report" else {"attributes", "global_word_count", "deduplication_id", "quotas"}
        for f in p.root.items:
            if isinstance(f, Field) and f.name not in known:
                findings.append(text_finding("unknown-field", loc, f.line, f.col))
        recs = []
        for k, b in enumerate(record_blocks):
            crec, own_complete = record_entries(b, k, loc, findings)
            recs.append((crec, own_complete, b))
            if not b.complete:
                partial_records.add(k)
        limit = min(count, len(G.GLOBAL_WORDS)) if count is not None else len(G.GLOBAL_WORDS)
        if count is not None and count not in G.RELEASE_OF_COUNT:
            findings.append({"code": "dictionary-mismatch"})
        if message == "report" and semantics not in (None, 0, 1):
            findings.append({"code": "unknown-semantics"})
        obj["dictionary"] = None if count is None else {
            "release": G.RELEASE_OF_COUNT.get(count, "unknown"), "globalWordCount": count}
        obj["records"] = evaluate_records(recs, count, semantics, words, words_complete, findings)
        for f in findings:
            if f["code"] == "truncated" and "record" in f:
                partial_records.add(f["record"])

        def record_of(chain):
            for depth, b in enumerate(chain):
                if b in record_blocks:
                    k = record_blocks.index(b)
                    attr = None
                    if depth + 1 < len(chain) and chain[depth + 1].name in MAP_KINDS:
                        crec = recs[k][0]
                        mw = crec["words"] or words
                        attr = report_attr_name(chain[depth + 1], mw, limit)
                    return k, attr
            return None, None

        malformed_findings(record_of)
        if p.limit is not None:
            li, col, chain = p.limit
            k, _ = record_of(chain)
            findings.append(text_finding("limit-exceeded", loc, li, col, record=k))
            if k is not None:
                partial_records.add(k)
        if p.headless:
            first = record_blocks.index(tops[0]) if tops and tops[0] in record_blocks else None
            findings.append(text_finding("truncated", loc, 0, record=first))
        if p.open_at_end or cut_end:
            k = record_blocks.index(cut_in) if cut_in in record_blocks else None
            findings.append(text_finding("truncated", loc, last_line, record=k))
            if k is not None:
                partial_records.add(k)

    elif message == "attributes":
        attrs = {}
        for b in _blocks(p.root.items):
            if b.name != "attributes":
                if b.name is not None:
                    findings.append(text_finding("unknown-field", loc, b.line, b.col))
                continue
            if not b.complete:
                continue
            name = as_word(field(b, "key"))
            v = [x for x in _blocks(b.items) if x.name == "value"]
            inner = v[-1].items[-1] if v and v[-1].items else None
            attrs[name] = attribute_value(inner)
        obj["dictionary"] = None
        obj["records"] = [{"attributes": G.render_attributes(attrs)}]
        malformed_findings(lambda chain: (0, None))
        if p.open_at_end or cut_end or p.headless:
            findings.append(text_finding("truncated", loc, 0 if p.headless else last_line, record=0))
            partial_records.add(0)

    elif message == "check-response":
        assert not (p.open_at_end or cut_end or p.headless or p.malformed), "damaged check responses are not made"
        obj["dictionary"] = None
        obj["records"] = []
        obj["checkResponse"] = check_response_from_text(p.root)

    for k in sorted(partial_records):
        obj["records"][k]["partial"] = True
    obj["findings"] = sort_findings(findings)
    obj["partial"] = bool(partial_records) or any(
        f["code"] in ("truncated", "malformed", "limit-exceeded") for f in findings)
    return obj


def attribute_value(f):
    """An AttributeValue's one field (Field or Block) -> G.Val."""
    if isinstance(f, Field):
        kind = f.name
        if kind == "string_value":
            return G.S(as_word(f))
        if kind == "int64_value":
            return G.I(as_int(f))
        if kind == "double_value":
            return G.D(as_double(f))
        if kind == "bool_value":
            return G.B(as_bool(f))
        if kind == "bytes_value":
            return G.BY(as_bytes(f))
        raise AssertionError(kind)
    if f.name in ("timestamp_value", "duration_value"):
        kind = "timestamp" if f.name == "timestamp_value" else "duration"
        return G.Val(kind, (as_int(field(f, "seconds")), as_int(field(f, "nanos"))))
    if f.name == "string_map_value":
        pairs = [(as_word(field(e, "key")), as_word(field(e, "value")))
                 for e in _blocks(f.items) if e.name == "entries"]
        return G.SM(pairs)
    raise AssertionError(f.name)


def duration_text(block):
    return G.render_value("", G.Val("duration", (as_int(field(block, "seconds")),
                                                  as_int(field(block, "nanos")))))


def references(block):
    words = [as_word(f) for f in fields(block, "words")]
    limit = len(G.GLOBAL_WORDS)
    out = []
    for m in _blocks(block.items):
        if m.name != "attribute_matches":
            continue
        ref = {"name": G.resolve(as_int(field(m, "name")), words, limit)}
        key = as_int(field(m, "map_key"))
        if key != 0:
            ref["mapKey"] = G.resolve(key, words, limit)
        cf = field(m, "condition")
        ref["condition"] = tok(cf) if cf else "CONDITION_UNSPECIFIED"
        rf = field(m, "regex")
        if rf is not None:
            ref["regex"] = as_word(rf)
        out.append(ref)
    return out


def status_of(block):
    st = {"code": as_int(field(block, "code"))}
    mf = field(block, "message")
    if mf is not None:
        st["message"] = as_word(mf)
    return st


def check_response_from_text(root):
    out = {}
    pre = [b for b in _blocks(root.items) if b.name == "precondition"]
    if pre:
        pc = pre[-1]
        sb = [b for b in _blocks(pc.items) if b.name == "status"]
        out["status"] = status_of(sb[-1]) if sb else {"code": 0}
        vd = [b for b in _blocks(pc.items) if b.name == "valid_duration"]
        if vd:
            out["validDuration"] = duration_text(vd[-1])
        uc = field(pc, "valid_use_count")
        if uc is not None:
            out["validUseCount"] = as_int(uc)
        ra = [b for b in _blocks(pc.items) if b.name == "referenced_attributes"]
        out["referencedAttributes"] = references(ra[-1]) if ra else []
    else:
        out["status"] = {"code": 0}
        out["referencedAttributes"] = []
    quotas = {}
    for qb in _blocks(root.items):
        if qb.name != "quotas":
            continue
        key = as_word(field(qb, "key"))
        vb = [b for b in _blocks(qb.items) if b.name == "value"]
        res = {}
        if vb:
            v = vb[-1]
            res["grantedAmount"] = as_int(field(v, "granted_amount"))
            vd = [b for b in _blocks(v.items) if b.name == "valid_duration"]
            if vd:
                res["validDuration"] = duration_text(vd[-1])
            sb = [b for b in _blocks(v.items) if b.name == "status"]
            if sb:
                res["status"] = status_of(sb[-1])
            ra = [b for b in _blocks(v.items) if b.name == "referenced_attributes"]
            if ra:
                res["referencedAttributes"] = references(ra[-1])
        else:
            res["grantedAmount"] = 0
        quotas[key] = res
    out["quotas"] = quotas
    return out


def same_as_source(obj, expected, what):
    """A complete dump must decode to exactly the binary scenario's expectation."""
    want = {k: expected[k] for k in ("message", "dictionary", "records", "findings")}
    if "checkResponse" in expected:
        want["checkResponse"] = expected["checkResponse"]
    got = {k: obj[k] for k in want}
    got["findings"] = sort_findings([{k: v for k, v in f.items() if k not in ("line", "column")}
                                     for f in got["findings"]])
    want["findings"] = sort_findings(want["findings"])
    if json.dumps(got, sort_keys=True) != json.dumps(want, sort_keys=True):
        raise AssertionError("%s: the text decodes differently from the binary expectation:\n%s\n%s"
                             % (what, json.dumps(got, sort_keys=True)[:3000],
                                json.dumps(want, sort_keys=True)[:3000]))


# ---------------------------------------------------------------------------
# Text variants
# ---------------------------------------------------------------------------

STRING_FIELDS = ("default_words", "words", "deduplication_id", "key", "message", "string_value", "regex")
OCTAL_RUN = re.compile(r"(?:\\[0-3][0-7][0-7])+")


def utf8_debug_string(text, message):
    """C++ Utf8DebugString: like DebugString, but bytes >= 0x80 of `string`
    fields that form valid UTF-8 are written as they are (bytes fields keep
    their octal escapes). Made from protoc's DebugString text by replacing,
    in string-field lines only, octal escape runs that decode to valid
    multi-byte UTF-8."""
    out = []
    for line in text.split("\n"):
        m = re.match(r"\s*([a-z_]+): \"", line)
        string_field = m and m.group(1) in STRING_FIELDS
        if message == "attributes" and m and m.group(1) == "key":
            string_field = True
        if string_field:
            def repl(mo):
                raw = bytes(int(x, 8) for x in mo.group(0).split("\\")[1:])
                res, i = [], 0
                while i < len(raw):
                    b = raw[i]
                    n = 2 if 0xC2 <= b <= 0xDF else 3 if 0xE0 <= b <= 0xEF else 4 if 0xF0 <= b <= 0xF4 else 0
                    chunk = raw[i:i + n] if n else b""
                    try:
                        res.append(chunk.decode("utf-8") if n and len(chunk) == n else None)
                    except UnicodeDecodeError:
                        res.append(None)
                    if res[-1] is None:
                        res[-1] = "\\%03o" % b
                        i += 1
                    else:
                        i += n
                return "".join(res)
            line = OCTAL_RUN.sub(repl, line)
        out.append(line)
    return "\n".join(out)


# ---------------------------------------------------------------------------
# Log writing
# ---------------------------------------------------------------------------

EPOCH = datetime.datetime(1970, 1, 1)


def at(text):
    """'2019-05-20T08:12:20.131047512Z' -> nanoseconds since the epoch."""
    s, n = G.parse_time(text)
    return s * 10**9 + n


def ns_dt(ns):
    return EPOCH + datetime.timedelta(microseconds=ns // 1000)


def go_rfc3339nano(ns):
    """Go's time.RFC3339Nano in UTC: trailing zeros of the fraction dropped."""
    dt = ns_dt(ns)
    frac = ("%09d" % (ns % 10**9)).rstrip("0")
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + ("." + frac if frac else "") + "Z"


class Layout:
    """How one Envoy release writes the first line of a log message."""

    def __init__(self, release, tid_width=0):
        self.release = release
        self.tid_width = tid_width

    def stamp(self, ns):
        dt = ns_dt(ns)
        if self.release in ("1.6", "1.7"):
            return dt.strftime("%Y-%m-%dT%H:%M:%S.") + "%06dZ" % dt.microsecond
        return dt.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (dt.microsecond // 1000)

    def prefix(self, ns, tid, level, logger, path):
        """Everything before the message text, and the logTime as written."""
        stamp = self.stamp(ns)
        if self.release in ("1.6", "1.7"):
            head = "%s\t%s\tenvoy %s\t" % (stamp, level, logger)
            if self.release == "1.6" and path:
                head += "[%s] " % path
            return head, stamp
        t = str(tid).zfill(self.tid_width) if self.tid_width else str(tid)
        head = "[%s][%s][%s][%s] " % (stamp, t, level, logger)
        if path:
            head += ("%s] " % path) if self.release in ("0.8", "1.0") else ("[%s] " % path)
        if self.release in ("1.4", "1.5"):
            head = "[Envoy (Epoch 0)] " + head
        return head, stamp


class Log:
    """Physical lines of one log file, with the expectation of every dump."""

    def __init__(self, layout):
        self.layout = layout
        self.lines = []     # str (or bytes for noise)
        self.streams = []   # "stderr" / "stdout" per line (for the Docker wrapper)
        self.times = []     # ns at which the line was written (for wrappers)
        self.dumps = []
        self.clock = 0

    def _tick(self, ns):
        self.clock = max(self.clock + 1713, ns if ns is not None else 0)
        return self.clock

    def raw(self, line, ns=None, stream="stdout"):
        for part in (line.split("\n") if isinstance(line, str) else [line]):
            self.lines.append(part)
            self.streams.append(stream)
            self.times.append(self._tick(ns + 37000 if ns is not None else None))

    def envoy(self, ns, logger, path, msg, tid=23, level="debug"):
        """One Envoy message (may span lines, like a header map dump)."""
        head, _ = self.layout.prefix(ns, tid, level, logger, path)
        self.raw(head + msg, ns, "stderr")

    def pilot(self, ns, level, msg):
        """A pilot-agent line (Go, zap: microseconds, tab-separated)."""
        stamp = ns_dt(ns).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        self.raw("%s\t%s\t%s" % (stamp, level, msg), ns, "stdout")

    def dump(self, ns, logger, path, label, item, tid=23, head=None, cut=None, lines=None,
             blank=True, source=True, check=True):
        """Write `label` + the DebugString of `item` (a Source or Built).
        head: a fixed first-line prefix instead of the layout's (libprotobuf).
        cut: keep only this many characters of the message (label included).
        lines: replacement text lines (damage), used as they are."""
        if head is None:
            head, stamp = self.layout.prefix(ns, tid, "debug", logger, path)
        else:
            stamp = None
        text = item.text
        assert text.endswith("\n")
        message_text = label + text  # DebugString ends with "\n"; the logger adds one more
        cut_end = False
        if cut is not None:
            message_text = message_text[:cut]
            cut_end = True
            body = message_text[len(label):].split("\n")
            assert body[-1].strip(), "a cut at a line end would look like a complete dump"
        elif lines is not None:
            body = lines
            cut_end = not blank
        else:
            body = text[:-1].split("\n")
        first = len(self.lines) + 1
        self.raw(head + label + body[0], ns, "stderr")
        for b in body[1:]:
            self.raw(b, ns, "stderr")
        if cut is None and blank:
            self.raw("", ns, "stderr")
        loc = Located(first, len(head) + len(label))
        obj = expect_dump(item.message, body, loc, cut_end)
        if check and cut is None and lines is None:
            same_as_source(obj, item.expected, "%s line %d" % (item.path or item.message, first))
        entry = {"line": first, "logTime": stamp,
                 "source": item.path if source else None}
        entry.update(obj)
        self.dumps.append(order(entry))
        return entry

    def headless(self, lines, item, log_time=None, blank=True):
        """A pasted fragment without its header line."""
        first = len(self.lines) + 1
        for b in lines:
            self.raw(b, None, "stderr")
        if blank:
            self.raw("", None, "stderr")
        obj = expect_dump(item.message, lines, Located(first, 0), not blank)
        entry = {"line": first, "logTime": log_time, "source": item.path}
        entry.update(obj)
        self.dumps.append(order(entry))
        return entry

    def write(self, name, compact=False):
        path = os.path.join(LOGS, name + ".log")
        write_lines(path, self.lines)
        write_expected(os.path.join(LOGS, name + ".expected.json"), self.dumps, compact)


KEY_ORDER = ["line", "logTime", "source", "message", "dictionary", "records", "findings", "partial",
             "checkResponse"]


def order(entry):
    return {k: entry[k] for k in KEY_ORDER if k in entry}


def write_lines(path, lines, eol=b"\n"):
    with open(path, "wb") as f:
        for line in lines:
            f.write((line.encode("utf-8") if isinstance(line, str) else line) + eol)


def write_expected(path, dumps, compact=False):
    with open(path, "w", encoding="utf-8") as f:
        if compact:
            f.write("[\n" + ",\n".join(json.dumps(d, ensure_ascii=False, allow_nan=False) for d in dumps)
                    + "\n]\n")
        else:
            f.write(json.dumps(dumps, ensure_ascii=False, indent=1, allow_nan=False) + "\n")


# ---------------------------------------------------------------------------
# Surrounding Envoy lines
# ---------------------------------------------------------------------------

GRPC = "src/envoy/utils/grpc_transport.cc"
CM = "external/envoy/source/common/http/conn_manager_impl.cc"
ROUTER = "external/envoy/source/common/router/router.cc"
POOL = "external/envoy/source/common/http/http1/conn_pool.cc"
CONN = "external/envoy/source/common/network/connection_impl.cc"
FILTER = "src/envoy/http/mixer/filter.cc"
TCP = "external/envoy/source/common/tcp_proxy/tcp_proxy.cc"
CLIENT_CTX = "src/istio/control/client_context_base.cc"
HEADER_UPDATE = "src/envoy/utils/header_update.h"


class Lines:
    """Line numbers of the logging call sites, per release family."""

    def __init__(self, send, response, cm_new=207, cm_headers=495, router=270, filter_=134):
        self.send, self.response = send, response
        self.cm_new, self.cm_headers, self.router, self.filter = cm_new, cm_headers, router, filter_


def header_dump(pairs):
    return "\n".join("'%s', '%s'" % kv for kv in pairs)


def inbound_http(log, ns, conn, stream, path, authority, ua, request_id, tid=23, mixer=True, sites=None,
                 extra_headers=()):
    """The debug lines of one inbound HTTP request handled by a sidecar."""
    s = sites
    log.envoy(ns, "http", "%s:%d" % (CM, s.cm_new), "[C%d][S%d] new stream" % (conn, stream), tid)
    headers = [(":authority", authority), (":path", path), (":method", "GET"),
               ("user-agent", ua), ("accept-encoding", "gzip, deflate"), ("accept", "*/*"),
               ("x-request-id", request_id), ("x-forwarded-proto", "http")] + list(extra_headers)
    log.envoy(ns + 61000, "http", "%s:%d" % (CM, s.cm_headers),
              "[C%d][S%d] request headers complete (end_stream=true):\n%s"
              % (conn, stream, header_dump(headers)), tid)
    if mixer:
        log.envoy(ns + 74000, "filter", "%s:%d" % (FILTER, s.filter - 32),
                  "Called Mixer::Filter : decodeHeaders", tid)
    return ns + 90000


def route_local(log, ns, conn, stream, path, cluster, tid=23, sites=None):
    s = sites
    log.envoy(ns, "router", "%s:%d" % (ROUTER, s.router),
              "[C%d][S%d] cluster '%s' match for URL '%s'" % (conn, stream, cluster, path), tid)
    log.envoy(ns + 12000, "pool", "%s:%d" % (POOL, 97), "[C%d] using existing connection" % (conn + 1), tid)


def access_line(log, ns, method, path, code, flags, rx, tx, dur, upstream, ua, request_id, authority,
                upstream_host, cluster, local, peer, old=False):
    dt = ns_dt(ns)
    start = dt.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (dt.microsecond // 1000)
    if old:
        line = ('[%s] "%s %s HTTP/1.1" %d %s %d %d %d %d "-" "%s" "%s" "%s" "%s"'
                % (start, method, path, code, flags, rx, tx, dur, upstream, ua, request_id,
                   authority, upstream_host))
    else:
        line = ('[%s] "%s %s HTTP/1.1" %d %s "-" %d %d %d %d "-" "%s" "%s" "%s" "%s" %s - %s %s -'
                % (start, method, path, code, flags, rx, tx, dur, upstream, ua, request_id,
                   authority, upstream_host, cluster, local, peer))
    log.raw(line, ns, "stdout")


def report_response(log, ns, sites, tid=23):
    # An empty ReportResponse: DebugString is "", so nothing follows the
    # colon and no empty line follows (not a dump).
    log.envoy(ns, "grpc", "%s:%d" % (GRPC, sites.response), "Report response: ", tid)


def mixer_route(log, ns, what, tid=23, sites=None, cluster="outbound|9091||istio-telemetry.istio-system.svc.cluster.local"):
    log.envoy(ns, "router", "%s:%d" % (ROUTER, sites.router),
              "[C0][S%d] cluster '%s' match for URL '/istio.mixer.v1.Mixer/%s'"
              % (5523012734617783000 + ns % 997, cluster, what), tid)


def stats_flush(log, ns, old=False, tid=15):
    path = "external/envoy/source/server/server.cc:%d" % (131 if old else 143)
    log.envoy(ns, "main", path, "flushing stats", tid)


# ---------------------------------------------------------------------------
# The logs
# ---------------------------------------------------------------------------

SITES_OLD = Lines(send=45, response=61, cm_new=190, cm_headers=448, router=252, filter_=126)
SITES_11 = Lines(send=45, response=61, cm_new=243, cm_headers=580, router=320, filter_=141)
SITES_16 = Lines(send=43, response=59, cm_new=254, cm_headers=649, router=425, filter_=141)

DETAILS_INBOUND = "inbound|9080|http|details.default.svc.cluster.local"


def log_08():
    log = Log(Layout("0.8"))
    s = SITES_OLD
    t = at("2018-06-12T10:24:29.813402Z")
    log.pilot(t, "info", "Epoch 0: set retry delay to 200ms, budget to 10")
    log.pilot(t + 4100000, "info", "Epoch 0 starting")
    log.raw("[2018-06-12 10:24:29.843][15][info][main] external/envoy/source/server/server.cc:184] "
            "initializing epoch 0 (hot restart version=10.200.16384.256.options=capacity=16384, "
            "num_slots=8209 hash=228984379728933363)", t + 30000000, "stderr")
    rec = [("2018-06-12T10:24:31.604123000Z", "2b4e5a0c-6a8f-9d4e-b1a5-3c8f0e2d7b61", "python-requests/2.18.4", 5, 11, 4),
           ("2018-06-12T10:24:32.117865000Z", "8d1f0c3e-27a4-9b5e-a6c2-4e9b7d3f1a08", "python-requests/2.18.4", 3, 12, 3),
           ("2018-06-12T10:24:32.950042000Z", "c3a7e9b1-5d2f-9a4c-8e6b-1f0d3c5a7e92", "curl/7.58.0", 3, 13, 3)]
    for i, (when, rid, ua, ms, conn, up) in enumerate(rec):
        ns = at(when) - 400000
        inbound_http(log, ns, conn, 10573229046311452387 - i * 7919, "/details/0", "details:9080", ua, rid,
                     tid=16, mixer=False, sites=s)
        route_local(log, ns + 120000, conn, 10573229046311452387 - i * 7919, "/details/0", "in.9080", tid=16, sites=s)
        if i == 1:
            # Check cache: Mixer's referenced attributes did not match the request.
            cc = "src/istio/mixerclient/check_cache.cc"
            log.raw("[libprotobuf ERROR %s:150] Response referenced mismatchs with request" % cc, ns + 150000, "stderr")
            log.dump(ns + 151000, None, None, "Request attributes: ", src("attributes-uncompressed"),
                     head="[libprotobuf ERROR %s:151] " % cc)
            log.raw("[libprotobuf ERROR %s:152] Referenced attributes: Absence-keys: request.headers[x-user], "
                    "Exact-keys: destination.service, request.headers[:authority], source.uid, " % cc,
                    ns + 152000, "stderr")
        access_line(log, at(when), "GET", "/details/0", 200, "-", 0, 178, ms, up, ua, rid,
                    "details:9080", "127.0.0.1:9080", "", "", "", old=True)
    ns = at("2018-06-12T10:24:33.951270Z")
    log.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", src("report-0.8-delta"), tid=16)
    mixer_route(log, ns + 210000, "Report", tid=16, sites=s, cluster="mixer_server")
    report_response(log, ns + 4210000, s, tid=16)
    stats_flush(log, at("2018-06-12T10:24:34.845113Z"), old=True)
    ns = at("2018-06-12T10:31:09.228114000Z") - 300000
    inbound_http(log, ns, 19, 2716407188812551633, "/details/0", "details:9080", "python-requests/2.18.4",
                 "d4f6a8c0-2e4a-9c6e-f0a2-1c3e5a7c9e13", tid=17, mixer=False, sites=s)
    access_line(log, ns + 4200000, "GET", "/details/0", 200, "-", 0, 178, 4, 3, "python-requests/2.18.4",
                "d4f6a8c0-2e4a-9c6e-f0a2-1c3e5a7c9e13", "details:9080", "127.0.0.1:9080", "", "", "", old=True)
    ns = at("2018-06-12T10:31:10.231907Z")
    log.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", src("report-unknown-index"), tid=17)
    report_response(log, ns + 3900000, s, tid=17)
    log.write("envoy-0.8")
    return log


def log_10():
    log = Log(Layout("1.0"))
    s = SITES_OLD
    t = at("2018-10-03T08:47:40.118346Z")
    log.pilot(t, "info", "Envoy proxy is ready")
    times = ["2018-10-03T08:47:42.958412000Z", "2018-10-03T08:47:43.611007000Z",
             "2018-10-03T08:47:44.020931000Z", "2018-10-03T08:47:45.377560000Z"]
    ids = ["6f1c2b9e-4d7a-9e3b-8c5f-2a0d4e6b8c13", "a9d3f7b1-0c5e-9f2a-b4d6-8e1c3a5f7b20",
           "e2b8c4a6-1f7d-9c3e-a5b9-0d2f4c6e8a37", "47c1e9a3-8b2d-9f6a-c0e4-5d7b9a1c3e58"]
    codes = [(200, 375, 21), (503, 91, 1204), (200, 375, 18), (200, 375, 19)]
    for i, (when, rid, (code, size, ms)) in enumerate(zip(times, ids, codes)):
        ns = at(when) - 250000
        inbound_http(log, ns, 31 + i, 8031548723940117161 + i * 104729, "/reviews/0", "reviews:9080",
                     "python-requests/2.21.0", rid, tid=95, mixer=True, sites=s)
        route_local(log, ns + 110000, 31 + i, 8031548723940117161 + i * 104729, "/reviews/0",
                    "inbound|9080||reviews.default.svc.cluster.local", tid=95, sites=s)
        access_line(log, at(when), "GET", "/reviews/0", code, "UF" if code == 503 else "-", 0, size,
                    ms, ms - 1, "python-requests/2.21.0", rid, "reviews:9080", "127.0.0.1:9080", "", "", "",
                    old=True)
    ns = at("2018-10-03T08:47:46.012538Z")
    log.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", src("report-1.0-delta"), tid=95)
    mixer_route(log, ns + 180000, "Report", tid=95, sites=s)
    report_response(log, ns + 5180000, s, tid=95)
    stats_flush(log, at("2018-10-03T08:47:49.116771Z"), old=True)
    ns = at("2018-10-03T08:47:52.440189Z")
    log.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", src("report-duplicates-delta"), tid=96)
    report_response(log, ns + 4480000, s, tid=96)
    log.write("envoy-1.0")
    return log


def check_11_record():
    return G.scenario_check_11()["symbolic"][0]


def healthy_records():
    return G.healthy_http_records()


BIG_COOKIE = "session=" + "".join(
    hashlib.sha256(b"mixerdecode-cookie-%d" % i).hexdigest() for i in range(270))[:17000]


def big_cookie_check():
    rec = dict(check_11_record())
    hdrs = list(rec["request.headers"].v) + [("cookie", BIG_COOKIE), ("end-user", "jason")]
    hdrs.sort()
    rec["request.headers"] = G.SM(hdrs)
    rec["request.id"] = G.S("3e5a7c9e-1b3d-9f5a-b7c9-2d4f6a8c0e24")
    rec["request.time"] = G.TS("2019-05-20T08:12:23.418220118Z")
    msg = G.make_check("check-1.1-big-cookie", 221, rec, "c4e6a8c0-2e4a-4c6e-9a2c-8e0a2c4e6a8c",
                       [("requestcountquota.quota.istio-system", (1, True))])
    return built_check(msg)


def log_11(write=True):
    """The details sidecar (1.1): Check with its attributes and response,
    Report attributes per request, then the Report batch."""
    log = Log(Layout("1.1"))
    s = SITES_11
    t = at("2019-05-20T08:12:19.997403Z")
    log.pilot(t, "info", "Envoy proxy is ready")
    r0, r1 = healthy_records()
    # Request A: check, then report.
    ns = at("2019-05-20T08:12:20.131047512Z") - 120000
    nxt = inbound_http(log, ns, 48, 1424566402236311578, "/details/0", "details:9080",
                       "python-requests/2.21.0", "1c7e5a3f-9b2d-9e4c-a8f6-3d0b5e7c9a14", sites=s)
    attrs = built_attributes(check_11_record())
    log.dump(nxt, "filter", None, "[%s:138] Check attributes: " % CLIENT_CTX, attrs, cut=255)
    log.dump(nxt + 52000, "grpc", "%s:%d" % (GRPC, s.send), "Sending Check request: ", src("check-1.1"))
    mixer_route(log, nxt + 91000, "Check", sites=s, cluster="outbound|9091||istio-policy.istio-system.svc.cluster.local")
    log.dump(nxt + 2410000, "grpc", "%s:%d" % (GRPC, s.response), "Check response: ", src("check-response-1.1"))
    log.envoy(nxt + 2440000, "filter", "%s:%d" % (FILTER, s.filter), "Called Mixer::Filter : check complete OK")
    route_local(log, nxt + 2460000, 48, 1424566402236311578, "/details/0", DETAILS_INBOUND, sites=s)
    access_line(log, at("2019-05-20T08:12:20.131047512Z"), "GET", "/details/0", 200, "-", 0, 178, 2, 1,
                "python-requests/2.21.0", "1c7e5a3f-9b2d-9e4c-a8f6-3d0b5e7c9a14", "details:9080",
                "127.0.0.1:9080", DETAILS_INBOUND, "10.244.1.17:9080", "10.244.1.15:48422")
    log.dump(nxt + 4900000, "filter", None, "[%s:145] Report attributes: " % CLIENT_CTX,
             built_attributes(r0), cut=255)
    # Request B: check cache hit, report.
    ns = at("2019-05-20T08:12:22.702311950Z") - 90000
    nxt = inbound_http(log, ns, 48, 9160349511432215903, "/details/0", "details:9080",
                       "python-requests/2.21.0", "de0f6a2c-5b8e-9a1d-b3c7-9f2e4a6c8e03", sites=s)
    log.envoy(nxt + 8000, "filter", "%s:%d" % (FILTER, s.filter), "Called Mixer::Filter : check complete OK")
    route_local(log, nxt + 21000, 48, 9160349511432215903, "/details/0", DETAILS_INBOUND, sites=s)
    access_line(log, at("2019-05-20T08:12:22.702311950Z"), "GET", "/details/0", 200, "-", 0, 178, 1, 1,
                "python-requests/2.21.0", "de0f6a2c-5b8e-9a1d-b3c7-9f2e4a6c8e03", "details:9080",
                "127.0.0.1:9080", DETAILS_INBOUND, "10.244.1.17:9080", "10.244.1.15:48422")
    log.dump(nxt + 2100000, "filter", None, "[%s:145] Report attributes: " % CLIENT_CTX,
             built_attributes(r1), cut=255)
    # The batch.
    ns = at("2019-05-20T08:12:22.995118Z")
    log.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", src("report-1.1-healthy-http"))
    mixer_route(log, ns + 160000, "Report", sites=s)
    report_response(log, ns + 3160000, s)
    # Request C: a logged-in user (end-user header, 17 KB cookie): a cache miss.
    ns = at("2019-05-20T08:12:23.418220118Z") - 130000
    big = big_cookie_check()
    nxt = inbound_http(log, ns, 51, 4096117348553211927, "/details/0", "details:9080",
                       "python-requests/2.21.0", "3e5a7c9e-1b3d-9f5a-b7c9-2d4f6a8c0e24", sites=s,
                       extra_headers=[("end-user", "jason"), ("cookie", BIG_COOKIE)])
    log.dump(nxt + 60000, "grpc", "%s:%d" % (GRPC, s.send), "Sending Check request: ", big, source=False)
    mixer_route(log, nxt + 99000, "Check", sites=s, cluster="outbound|9091||istio-policy.istio-system.svc.cluster.local")
    log.dump(nxt + 2980000, "grpc", "%s:%d" % (GRPC, s.response), "Check response: ", src("check-response-1.1"))
    log.envoy(nxt + 3010000, "filter", "%s:%d" % (FILTER, s.filter), "Called Mixer::Filter : check complete OK")
    stats_flush(log, at("2019-05-20T08:12:24.001873Z"))
    if write:
        log.write("envoy-1.1")
    return log


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
    return G.scenario_odd_values()["symbolic"]


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


# ---------------------------------------------------------------------------
# Wrappers of envoy-1.1.log
# ---------------------------------------------------------------------------

def shifted(dumps, mapping):
    out = []
    for d in dumps:
        d = json.loads(json.dumps(d))
        d["line"] = mapping(d["line"])
        for f in d["findings"]:
            if "line" in f:
                f["line"] = mapping(f["line"])
        out.append(d)
    return out


def json_escape_go(s):
    """Docker's json-file escaping (Go encoding/json): \\" \\\\ \\n \\r \\t,
    other control characters and <, >, & as \\u00XX, U+2028/2029 escaped."""
    out = []
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20 or ch in "<>&":
            out.append("\\u%04x" % o)
        elif o in (0x2028, 0x2029):
            out.append("\\u%04x" % o)
        else:
            out.append(ch)
    return "".join(out)


def wrappers(base):
    lines, times, streams = base.lines, base.times, base.streams
    identity = lambda n: n  # noqa: E731

    # kubectl logs --timestamps
    out = ["%s %s" % (go_rfc3339nano(t), line) for line, t in zip(lines, times)]
    write_lines(os.path.join(LOGS, "kubectl-timestamps.log"), out)
    write_expected(os.path.join(LOGS, "kubectl-timestamps.expected.json"), shifted(base.dumps, identity))

    # Docker json-file: one entry per line; a line over 16 KiB is split into
    # entries of 16384 bytes, all but the last without "\n".
    out, mapping, n = [], {}, 0
    longest = 0
    for i, (line, t, stream) in enumerate(zip(lines, times, streams)):
        mapping[i + 1] = n + 1
        data = line.encode("utf-8")
        longest = max(longest, len(data))
        parts = [data[j:j + 16384] for j in range(0, len(data), 16384)] or [b""]
        for pi, part in enumerate(parts):
            last = pi == len(parts) - 1
            text = part.decode("utf-8") + ("\n" if last else "")
            out.append('{"log":"%s","stream":"%s","time":"%s"}'
                       % (json_escape_go(text), stream, go_rfc3339nano(t + pi * 1000)))
            n += 1
    assert longest > 16384, "envoy-1.1.log needs a line longer than 16 KiB"
    write_lines(os.path.join(LOGS, "docker-json.log"), out)
    write_expected(os.path.join(LOGS, "docker-json.expected.json"), shifted(base.dumps, lambda k: mapping[k]))

    pod = "details-v1-6764bbc7f7-2mzxl"
    for name, prefix in [("viewer-ns-pod", "default/%s[istio-proxy]: " % pod),
                         ("viewer-bracket", "[%s istio-proxy] " % pod)]:
        write_lines(os.path.join(LOGS, name + ".log"), [prefix + line for line in lines])
        write_expected(os.path.join(LOGS, name + ".expected.json"), shifted(base.dumps, identity))

    # Leading white space stripped from every line (continuation lines lose
    # their indentation; header lines have none).
    write_lines(os.path.join(LOGS, "lost-indentation.log"), [line.lstrip(" \t") for line in lines])
    write_expected(os.path.join(LOGS, "lost-indentation.expected.json"), shifted(base.dumps, identity))

    # Trailing spaces: 1 to 3 spaces (every fourth line a tab) after every
    # line, the empty lines that end dumps included.
    pads = [" ", "  ", "   ", "\t"]
    write_lines(os.path.join(LOGS, "trailing-spaces.log"),
                [line + pads[i % 4] for i, line in enumerate(lines)])
    write_expected(os.path.join(LOGS, "trailing-spaces.expected.json"), shifted(base.dumps, identity))

    write_lines(os.path.join(LOGS, "crlf.log"), lines, eol=b"\r\n")
    write_expected(os.path.join(LOGS, "crlf.expected.json"), shifted(base.dumps, identity))


# ---------------------------------------------------------------------------
# Damaged logs
# ---------------------------------------------------------------------------

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
            "context.protocol": G.S("http"),
            "destination.service.host": G.S("details.default.svc.cluster.local"),
            "request.id": G.S("%08x-1b3d-4f5a-87c9-2d4f6a8c0e%02d" % (0x5eed0000 + i, i)),
            "request.path": G.S("/details/%d" % i),
            "request.time": G.TS("2019-05-20T08:13:00.%09dZ" % (i * 100000007)),
            "source.uid": G.S(G.uid("productpage")),
        }
        msg = G.make_check("tiny-%d" % i, 221, rec, "", [])
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


def log_vm_scenario():
    """productpage's sidecar (kubectl logs --timestamps), then the details VM's
    sidecar log as the VM writes it (a VM has no kubectl logs)."""
    s = SITES_11
    pp = Log(Layout("1.1"))
    pp.pilot(at("2019-05-20T08:12:18.884215Z"), "info", "Envoy proxy is ready")
    ns = at("2019-05-20T08:12:21.299874Z") - 210000
    pp.envoy(ns, "filter", "%s:%d" % (TCP, 362),
             "[C73] Creating connection to cluster outbound|9080||details.default.svc.cluster.local", tid=27)
    pp.envoy(ns + 30000, "connection", "%s:%d" % (CONN, 634), "[C74] connecting to 10.244.3.0:9080", tid=27)
    pp.envoy(ns + 900000, "connection", "%s:%d" % (CONN, 517), "[C74] connected", tid=27)
    pp.envoy(at("2019-05-20T08:12:21.305207Z"), "connection", "%s:%d" % (CONN, 502), "[C74] remote close", tid=27)
    pp.raw('[2019-05-20T08:12:21.299Z] "- - -" 0 - "-" "-" 312 358 5 - "-" "-" "-" "-" "10.244.3.0:9080" '
           'outbound|9080||details.default.svc.cluster.local 10.244.1.15:51234 10.244.3.0:9080 '
           '10.244.1.15:51232 -', at("2019-05-20T08:12:21.305207Z"), "stdout")
    ns = at("2019-05-20T08:12:21.310442871Z") - 120000
    pp.envoy(ns, "router", "%s:%d" % (ROUTER, s.router),
             "[C75][S2242860191838470515] cluster 'outbound|9080|v1|reviews.default.svc.cluster.local' "
             "match for URL '/reviews/0'", tid=27)
    pp.raw('[2019-05-20T08:12:21.310Z] "GET /reviews/0 HTTP/1.1" 200 - "-" 0 295 27 26 "-" '
           '"python-requests/2.21.0" "f3b5d7e9-6c8a-9e0b-a4c6-1a3c5e7a9c16" "reviews:9080" '
           '"10.244.2.11:9080" outbound|9080|v1|reviews.default.svc.cluster.local - 10.96.214.84:9080 '
           '10.244.1.15:60216 -', at("2019-05-20T08:12:21.337607Z"), "stdout")
    ns = at("2019-05-20T08:12:22.311208Z")
    pp.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", src("report-1.1-productpage-outbound"),
            tid=27)
    pp.envoy(ns + 140000, "router", "%s:%d" % (ROUTER, s.router),
             "[C0][S4181300657221718022] cluster 'outbound|9091||istio-telemetry.istio-system.svc.cluster.local' "
             "match for URL '/istio.mixer.v1.Mixer/Report'", tid=27)
    report_response(pp, ns + 3000000, s, tid=27)

    vm = Log(Layout("1.1"))
    vm.raw("[2019-05-20 08:12:21.300][12][debug][filter] [%s:362] [C3] Creating connection to cluster "
           "inbound|9080||details.default.svc.cluster.local" % TCP, at("2019-05-20T08:12:21.300Z"), "stderr")
    vm.raw("[2019-05-20 08:12:21.304][12][debug][connection] [%s:502] [C3] remote close" % CONN,
           at("2019-05-20T08:12:21.304Z"), "stderr")
    ns = at("2019-05-20T08:12:22.304118Z")
    vm.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", src("report-1.1-vm-tcp"), tid=12)
    report_response(vm, ns + 2600000, s, tid=12)

    lines = ["%s %s" % (go_rfc3339nano(t), line) for line, t in zip(pp.lines, pp.times)]
    dumps = [dict(d) for d in pp.dumps]
    offset = len(lines)
    lines += vm.lines
    for d in vm.dumps:
        d = dict(d)
        d["line"] += offset
        dumps.append(d)
    write_lines(os.path.join(LOGS, "vm-scenario.log"), lines)
    write_expected(os.path.join(LOGS, "vm-scenario.expected.json"), dumps)
    return offset


def fresh(path):
    if os.path.isdir(path):
        for name in os.listdir(path):
            # Only this script's files: fleet/ is generate_fleet.py's.
            if os.path.isfile(os.path.join(path, name)):
                os.remove(os.path.join(path, name))
    else:
        os.makedirs(path)


def main():
    if not os.path.exists(os.path.join(BINARY, "report-1.1-http.bin")):
        sys.exit("generate_logs.py: run generate.py first (Corpus/binary is missing)")
    fresh(LOGS)
    log_08()
    log_10()
    base = log_11()
    log_12()
    log_14()
    log_16("1.6", "envoy-1.6")
    log_16("1.7", "envoy-1.7")
    log_utf8()
    wrappers(base)
    log_cut_start()
    log_cut_end()
    log_cut_then_next()
    log_broken_escapes()
    log_garbage()
    log_deep_nesting()
    log_many_tiny()
    log_vm_scenario()
    if os.environ.get("SHOW_DAMAGE"):
        for name, items in sorted(DAMAGE.items()):
            for what, line, column in items:
                print("%s.log line %s%s: %s" % (name, line, "" if column is None else " column %d" % column, what))
    print("generate_logs.py: wrote %d logs under %s"
          % (len([n for n in os.listdir(LOGS) if n.endswith(".log")]), os.path.relpath(LOGS, os.getcwd())))


if __name__ == "__main__":
    main()
