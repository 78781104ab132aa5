"""The records of a Report or Check dump: complete map entries turned back
into compressed records, resolved with Mixer's rules, with findings placed
at their line and column in the log."""

from ..compress import entry
from ..dictionary import GLOBAL_WORDS
from ..mixer import entry_indices, evaluate_record, resolve
from ..render import render_attributes
from .textparse import (as_bool, as_bytes, as_double, as_int, as_word, child_blocks, Field, field,
                        MAP_KINDS)


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
    """Complete map entries of a record block -> crec for mixer's
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
        crec["entries"].append(entry(kind, as_int(field(x, "key")), entry_value(kind, x)))
    words_complete = block.closed or not words_open
    return crec, words_complete


def entry_value(kind, x):
    """The value of the complete map entry block `x`; a missing value is the
    type's default, as protobuf reads it."""
    vf = field(x, "value")
    vb = [b for b in child_blocks(x.items) if b.name == "value"]
    if kind in ("string", "int64"):
        return as_int(vf)
    if kind == "double":
        return as_double(vf) if vf else 0.0
    if kind == "bool":
        return as_bool(vf) if vf else False
    if kind == "bytes":
        return as_bytes(vf) if vf else b""
    if kind in ("timestamp", "duration"):
        v = vb[-1] if vb else None
        return (as_int(field(v, "seconds")) if v else 0, as_int(field(v, "nanos")) if v else 0)
    value = []
    for v in vb:
        for e in child_blocks(v.items):
            if e.name == "entries":
                value.append(entry("idx", as_int(field(e, "key")), as_int(field(e, "value"))))
    return value


def evaluate_records(recs, count, semantics, report_words, report_words_complete, findings):
    """recs: [(crec, words_complete, block)]. Returns rendered records."""
    limit = min(count, len(GLOBAL_WORDS)) if count is not None else len(GLOBAL_WORDS)
    delta = semantics in (None, 0)
    out = []
    accumulated = {}
    for k, (crec, own_complete, block) in enumerate(recs):
        mwords, complete = message_words_of(crec, own_complete, block, report_words, report_words_complete)
        if not complete:
            crec = without_lost_entries(crec, mwords, k, findings)
        vals = evaluate_record(crec, mwords, limit, k, findings)
        if delta:
            accumulated.update(vals)
            out.append(dict(accumulated))
        else:
            out.append(vals)
    return [{"attributes": render_attributes(r)} for r in out]


def message_words_of(crec, own_complete, block, report_words, report_words_complete):
    """(message words, whether the text holds all of them) for one record."""
    if block is not None and block.name is None:
        # The record the text starts inside: Mixer resolves its message
        # indices against its own words when it has any (listed first,
        # where the cut is), else default_words; which, the text no
        # longer says, so entries that use message words are lost.
        return [], False
    if crec["words"]:
        return crec["words"], own_complete
    return report_words, report_words_complete


def without_lost_entries(crec, mwords, k, findings):
    """The record without the entries whose message words the text lost
    (reported once as truncated)."""
    kept = []
    lost = False
    for e in crec["entries"]:
        if any(i < 0 and ~i >= len(mwords) for i in entry_indices(e)):
            lost = True
        else:
            kept.append(e)
    if lost:
        findings.append({"code": "truncated", "record": k})
    return dict(crec, entries=kept)


def report_attr_name(block, mwords, limit):
    kf = field(block, "key")
    if kf is None:
        return None
    return resolve(as_int(kf), mwords, limit)
