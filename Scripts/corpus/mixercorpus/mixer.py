"""Mixer's rules applied to a compressed message: indices resolve against
Mixer's own full global list or the message words, maps are probed in
Mixer's order, delta records overlay; every anomaly becomes a finding."""

from .dictionary import GLOBAL_WORDS, RELEASE_OF_COUNT
from .values import PROBE_ORDER, S, SM, Val


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


def entry_indices(e):
    """Every word index a map entry uses: its key, and for strings and
    string maps the value indices too."""
    out = [e["key"]]
    if e["kind"] == "string":
        out.append(e["value"])
    elif e["kind"] == "string_map":
        for sub in e["value"]:
            out += [sub["key"], sub["value"]]
    return out


def evaluate_record(crec, message_words, limit, k, findings):
    """One compressed record -> {name: Val} as Mixer reads it: the maps are
    probed in Mixer's order and the first map that holds a name wins."""
    if any(past_count(i, limit) for e in crec["entries"] for i in entry_indices(e)):
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
            val = resolve_value(kind, value, message_words, limit)
            if val is None:
                findings.append(finding("unknown-index", k, name))
                continue
            candidates.setdefault(name, []).append(val)
    out = {}
    for name, vals in candidates.items():
        if len(vals) > 1:
            findings.append(finding("duplicate-attribute", k, name))
        out[name] = vals[0]  # first in probe order wins
    for _ in crec["unknown"]:
        findings.append(finding("unknown-field", k))
    return out


def resolve_value(kind, value, message_words, limit):
    """The Val of one map entry's value, or None when a word index in it
    names no word (Mixer then drops the attribute)."""
    if kind == "string":
        s = resolve(value, message_words, limit)
        return None if s is None else S(s)
    if kind == "string_map":
        pairs = [(resolve(sub["key"], message_words, limit), resolve(sub["value"], message_words, limit))
                 for sub in value]
        if any(a is None or b is None for a, b in pairs):
            return None
        d = {}
        for a, b in pairs:
            d[a] = b  # a repeated key: last wins
        return SM(d)
    return Val(kind, value)


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
