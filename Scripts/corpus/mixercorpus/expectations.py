"""NAME.expected.json of a scenario (Mixer's rules on the description, never
a decode of NAME.bin), checked twice: against the symbolic records before
compression, and against the scenario's hand-written expectations."""

import json

from .dictionary import RELEASE_OF_COUNT
from .mixer import evaluate
from .render import render_attributes
from .values import Raw

# A hand-written check's "want" for an attribute that must not be there.
ABSENT = object()


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
