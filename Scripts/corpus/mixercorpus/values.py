"""Typed attribute values: the symbolic form every scenario is written in
(Val, and Raw for a word index put on the wire as-is), with short
constructors (S, I, D, B, TS, DUR, BY, IP4, SM, ...)."""

import datetime
import ipaddress


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
