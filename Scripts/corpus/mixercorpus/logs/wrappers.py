"""envoy-1.1.log wrapped the way tools write it: kubectl --timestamps,
Docker json-file (16 KiB split), log viewers' prefixes, lost indentation,
trailing spaces, CRLF."""

import json
import os

from ..paths import LOGS
from .layout import go_rfc3339nano
from .log import write_expected, write_lines


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
    """envoy-1.1.log (`base`, a Log) as each tool writes it, each with its
    expectation: the dumps' lines mapped to the wrapped file's lines."""
    lines, times = base.lines, base.times
    identity = lambda n: n  # noqa: E731

    # kubectl logs --timestamps
    out = ["%s %s" % (go_rfc3339nano(t), line) for line, t in zip(lines, times)]
    write_lines(os.path.join(LOGS, "kubectl-timestamps.log"), out)
    write_expected(os.path.join(LOGS, "kubectl-timestamps.expected.json"), shifted(base.dumps, identity))

    out, mapping = docker_json(base)
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


def docker_json(base):
    """Docker json-file: one entry per line; a line over 16 KiB is split into
    entries of 16384 bytes, all but the last without "\\n". Returns the
    entries and the map from base line number to entry line number."""
    out, mapping, n = [], {}, 0
    longest = 0
    for i, (line, t, stream) in enumerate(zip(base.lines, base.times, base.streams)):
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
    return out, mapping
