"""Rendering a value as the tool prints it: the expected.json contract
(timestamps and durations as text, IP attributes as addresses, other bytes
as base64, NaN/Infinity as strings, string maps sorted, last key wins)."""

import base64
import datetime
import ipaddress
import math

from .dictionary import IP_ATTRIBUTES
from .values import EPOCH


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
