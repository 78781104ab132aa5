"""The expectation of one dump as it stands in a log (damage included), and
the check that a complete dump equals its binary scenario's expectation."""

import json

from ..dictionary import GLOBAL_WORDS, RELEASE_OF_COUNT
from ..render import render_attributes
from .expect_records import (evaluate_records, record_entries, report_attr_name, sort_findings,
                             text_finding)
from .expect_values import attribute_value, check_response_from_text
from .textparse import as_int, as_word, child_blocks, Field, field, fields, MAP_KINDS, Parse, tok


def expect_dump(message, lines, loc, cut_end):
    """The expectation for one dump whose text lines (as they stand in the
    log, damage included) are `lines`. cut_end: the dump is not followed by
    the empty line that ends every complete dump."""
    dump = DumpReading(message, lines, loc, cut_end)
    if message == "report" or message == "check":
        dump.read_request()
    elif message == "attributes":
        dump.read_attributes()
    elif message == "check-response":
        dump.read_check_response()
    return dump.result()


# Top-level fields a Report or Check dump may hold; any other is unknown.
REQUEST_FIELDS = {
    "report": {"attributes", "default_words", "global_word_count", "repeated_attributes_semantics"},
    "check": {"attributes", "global_word_count", "deduplication_id", "quotas"},
}


class DumpReading:
    """One dump being read: its block tree, the findings so far and the
    records that are partial. The read_* step for its message fills
    obj["dictionary"] and obj["records"]; result() completes obj."""

    def __init__(self, message, lines, loc, cut_end):
        self.message = message
        self.loc = loc
        self.cut_end = cut_end
        self.p = Parse(lines)
        self.findings = []
        self.partial_records = set()
        self.obj = {"message": message}
        self.last_line = len(lines) - 1
        self.cut = cut_end or self.p.open_at_end  # the text ends inside the dump

    def malformed_findings(self, record_of):
        for li, col, _msg, chain in self.p.malformed:
            if li == self.last_line and self.cut:
                continue  # the cut itself (e.g. a string cut open): reported as truncated only
            rec, attr = record_of(chain)
            self.findings.append(text_finding("malformed", self.loc, li, col, record=rec, attribute=attr))
            if rec is not None:
                self.partial_records.add(rec)

    def cut_in(self):
        """The top-level block the text ends in (None if it ends outside one)."""
        if not self.p.open_at_end:
            return None
        tops = child_blocks(self.p.root.items)
        return tops[-1] if tops and not tops[-1].closed else None

    # -- Report and Check --------------------------------------------------

    def read_request(self):
        """A Report or Check: its records resolved with the words the text
        still holds, then the damage the text shows."""
        tops = child_blocks(self.p.root.items)
        self.record_blocks = [b for b in tops if b.name in ("attributes", None)]
        self.unknown_fields(tops)
        count_f = field(self.p.root, "global_word_count")
        count = as_int(count_f) if count_f else None
        self.words, words_complete, semantics = self.words_and_semantics(count)
        recs = self.records()
        self.limit = min(count, len(GLOBAL_WORDS)) if count is not None else len(GLOBAL_WORDS)
        if count is not None and count not in RELEASE_OF_COUNT:
            self.findings.append({"code": "dictionary-mismatch"})
        if self.message == "report" and semantics not in (None, 0, 1):
            self.findings.append({"code": "unknown-semantics"})
        self.obj["dictionary"] = None if count is None else {
            "release": RELEASE_OF_COUNT.get(count, "unknown"), "globalWordCount": count}
        self.obj["records"] = evaluate_records(recs, count, semantics, self.words, words_complete,
                                               self.findings)
        for f in self.findings:
            if f["code"] == "truncated" and "record" in f:
                self.partial_records.add(f["record"])
        self.malformed_findings(self.record_of)
        self.request_damage(tops)

    def unknown_fields(self, tops):
        for b in tops:
            if b.name not in ("attributes", None, "quotas"):
                self.findings.append(text_finding("unknown-field", self.loc, b.line, b.col))
        known = REQUEST_FIELDS[self.message]
        for f in self.p.root.items:
            if isinstance(f, Field) and f.name not in known:
                self.findings.append(text_finding("unknown-field", self.loc, f.line, f.col))

    def words_and_semantics(self, count):
        """(default_words, whether the text holds all of them, semantics)."""
        if self.message != "report":
            return [], True, 1
        words = [as_word(f) for f in fields(self.p.root, "default_words")]
        sem_f = field(self.p.root, "repeated_attributes_semantics")
        if sem_f is None:
            # Absent means DELTA in a complete dump; a cut dump may just
            # have lost the line, so its records are read as written.
            semantics = None if not self.cut else 1
        else:
            t = tok(sem_f)
            semantics = {"DELTA_ENCODING": 0, "INDEPENDENT_ENCODING": 1}.get(t)
            if semantics is None:
                semantics = int(t)
        # default_words come after the records: they are all there once
        # global_word_count (after them) is, or when nothing is cut.
        words_complete = count is not None or not self.cut
        return words, words_complete, semantics

    def records(self):
        self.recs = []
        for k, b in enumerate(self.record_blocks):
            crec, own_complete = record_entries(b, k, self.loc, self.findings)
            self.recs.append((crec, own_complete, b))
            if not b.complete:
                self.partial_records.add(k)
        return self.recs

    def record_of(self, chain):
        """(record index, attribute name) of the innermost blocks `chain`."""
        for depth, b in enumerate(chain):
            if b in self.record_blocks:
                k = self.record_blocks.index(b)
                attr = None
                if depth + 1 < len(chain) and chain[depth + 1].name in MAP_KINDS:
                    crec = self.recs[k][0]
                    mw = crec["words"] or self.words
                    attr = report_attr_name(chain[depth + 1], mw, self.limit)
                return k, attr
        return None, None

    def request_damage(self, tops):
        """Nesting past the limit, a start inside the message, an end inside it."""
        p = self.p
        if p.limit is not None:
            li, col, chain = p.limit
            k, _ = self.record_of(chain)
            self.findings.append(text_finding("limit-exceeded", self.loc, li, col, record=k))
            if k is not None:
                self.partial_records.add(k)
        if p.headless:
            first = self.record_blocks.index(tops[0]) if tops and tops[0] in self.record_blocks else None
            self.findings.append(text_finding("truncated", self.loc, 0, record=first))
        if self.cut:
            cut_in = self.cut_in()
            k = self.record_blocks.index(cut_in) if cut_in in self.record_blocks else None
            self.findings.append(text_finding("truncated", self.loc, self.last_line, record=k))
            if k is not None:
                self.partial_records.add(k)

    # -- Attributes and CheckResponse ----------------------------------------

    def read_attributes(self):
        attrs = {}
        for b in child_blocks(self.p.root.items):
            if b.name != "attributes":
                if b.name is not None:
                    self.findings.append(text_finding("unknown-field", self.loc, b.line, b.col))
                continue
            if not b.complete:
                continue
            name = as_word(field(b, "key"))
            v = [x for x in child_blocks(b.items) if x.name == "value"]
            inner = v[-1].items[-1] if v and v[-1].items else None
            attrs[name] = attribute_value(inner)
        self.obj["dictionary"] = None
        self.obj["records"] = [{"attributes": render_attributes(attrs)}]
        self.malformed_findings(lambda chain: (0, None))
        if self.cut or self.p.headless:
            self.findings.append(text_finding("truncated", self.loc, 0 if self.p.headless else self.last_line,
                                              record=0))
            self.partial_records.add(0)

    def read_check_response(self):
        p = self.p
        assert not (self.cut or p.headless or p.malformed), "damaged check responses are not made"
        self.obj["dictionary"] = None
        self.obj["records"] = []
        self.obj["checkResponse"] = check_response_from_text(p.root)

    def result(self):
        for k in sorted(self.partial_records):
            self.obj["records"][k]["partial"] = True
        self.obj["findings"] = sort_findings(self.findings)
        self.obj["partial"] = bool(self.partial_records) or any(
            f["code"] in ("truncated", "malformed", "limit-exceeded") for f in self.findings)
        return self.obj


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
