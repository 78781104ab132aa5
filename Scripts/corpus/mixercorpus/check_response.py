"""CheckResponse scenarios (Mixer's answer, seen in logs as "Check
response: ..."): the compressed ReferencedAttributes, their text, and their
expectation from the symbolic description.

Mixer compresses the names in ReferencedAttributes against its own global
dictionary (the newest, 222 words, is used here) and ReferencedAttributes.words,
the same way as CompressedAttributes: i >= 0 global, i < 0 words[-i - 1].
"""

from .compress import WordTable
from .dictionary import GLOBAL_WORDS
from .files import header_lines, write_message_files
from .mixer import resolve
from .protoc import MARK, REAL_TYPES
from .render import render_value
from .textformat import q, word_note
from .values import Val

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
    obj = check_response_expected(msg)
    lines = header_lines(msg)
    lines.append(MARK + "%s %s" % REAL_TYPES["check-response"])
    lines.extend(check_response_text(msg))
    data = write_message_files(outdir, msg["name"], "check-response", lines, obj)
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
