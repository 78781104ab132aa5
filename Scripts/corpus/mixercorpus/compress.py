"""Compression as istio-proxy does it (AttributeCompressor): names and
string values become global indices or message-dictionary slots; delta
batches (0.8, 1.0) carry only what changed. make_report / make_check turn
symbolic records into the compressed scenario dicts the writer uses."""

from .dictionary import GLOBAL_INDEX, GLOBAL_WORDS
from .values import Raw


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
