"""Values read back from text: one AttributeValue of an Attributes dump, and
the whole CheckResponse (status, referenced attributes, quotas)."""

from ..dictionary import GLOBAL_WORDS
from ..mixer import resolve
from ..render import render_value
from ..values import B, BY, D, I, S, SM, Val
from .textparse import (as_bool, as_bytes, as_double, as_int, as_word, child_blocks, Field, field,
                        fields, tok)


def attribute_value(f):
    """An AttributeValue's one field (Field or Block) -> Val."""
    if isinstance(f, Field):
        kind = f.name
        if kind == "string_value":
            return S(as_word(f))
        if kind == "int64_value":
            return I(as_int(f))
        if kind == "double_value":
            return D(as_double(f))
        if kind == "bool_value":
            return B(as_bool(f))
        if kind == "bytes_value":
            return BY(as_bytes(f))
        raise AssertionError(kind)
    if f.name in ("timestamp_value", "duration_value"):
        kind = "timestamp" if f.name == "timestamp_value" else "duration"
        return Val(kind, (as_int(field(f, "seconds")), as_int(field(f, "nanos"))))
    if f.name == "string_map_value":
        pairs = [(as_word(field(e, "key")), as_word(field(e, "value")))
                 for e in child_blocks(f.items) if e.name == "entries"]
        return SM(pairs)
    raise AssertionError(f.name)


def duration_text(block):
    return render_value("", Val("duration", (as_int(field(block, "seconds")),
                                             as_int(field(block, "nanos")))))


def references(block):
    words = [as_word(f) for f in fields(block, "words")]
    limit = len(GLOBAL_WORDS)
    out = []
    for m in child_blocks(block.items):
        if m.name != "attribute_matches":
            continue
        ref = {"name": resolve(as_int(field(m, "name")), words, limit)}
        key = as_int(field(m, "map_key"))
        if key != 0:
            ref["mapKey"] = resolve(key, words, limit)
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
    """The checkResponse object of expected.json, from the dump's text."""
    out = {}
    pre = last_block(root, "precondition")
    if pre is not None:
        sb = last_block(pre, "status")
        out["status"] = status_of(sb) if sb is not None else {"code": 0}
        vd = last_block(pre, "valid_duration")
        if vd is not None:
            out["validDuration"] = duration_text(vd)
        uc = field(pre, "valid_use_count")
        if uc is not None:
            out["validUseCount"] = as_int(uc)
        ra = last_block(pre, "referenced_attributes")
        out["referencedAttributes"] = references(ra) if ra is not None else []
    else:
        out["status"] = {"code": 0}
        out["referencedAttributes"] = []
    quotas = {}
    for qb in child_blocks(root.items):
        if qb.name == "quotas":
            quotas[as_word(field(qb, "key"))] = quota_result(last_block(qb, "value"))
    out["quotas"] = quotas
    return out


def last_block(block, name):
    """The last child block called `name` (a repeated message field: last wins)."""
    found = [b for b in child_blocks(block.items) if b.name == name]
    return found[-1] if found else None


def quota_result(v):
    """One QuotaResult (the map entry's value block; None: all defaults)."""
    if v is None:
        return {"grantedAmount": 0}
    res = {"grantedAmount": as_int(field(v, "granted_amount"))}
    vd = last_block(v, "valid_duration")
    if vd is not None:
        res["validDuration"] = duration_text(vd)
    sb = last_block(v, "status")
    if sb is not None:
        res["status"] = status_of(sb)
    ra = last_block(v, "referenced_attributes")
    if ra is not None:
        res["referencedAttributes"] = references(ra)
    return res
