"""A log file being written: its physical lines and the expectation of every
dump in it, then the .log and its .expected.json."""

import json
import os

from ..paths import LOGS
from .expect_dump import expect_dump, same_as_source
from .expect_records import Located
from .layout import ns_dt


class Log:
    """Physical lines of one log file, with the expectation of every dump."""

    def __init__(self, layout):
        self.layout = layout
        self.lines = []     # str (or bytes for noise)
        self.streams = []   # "stderr" / "stdout" per line (for the Docker wrapper)
        self.times = []     # ns at which the line was written (for wrappers)
        self.dumps = []
        self.clock = 0

    def _tick(self, ns):
        self.clock = max(self.clock + 1713, ns if ns is not None else 0)
        return self.clock

    def raw(self, line, ns=None, stream="stdout"):
        for part in (line.split("\n") if isinstance(line, str) else [line]):
            self.lines.append(part)
            self.streams.append(stream)
            self.times.append(self._tick(ns + 37000 if ns is not None else None))

    def envoy(self, ns, logger, path, msg, tid=23, level="debug"):
        """One Envoy message (may span lines, like a header map dump)."""
        head, _ = self.layout.prefix(ns, tid, level, logger, path)
        self.raw(head + msg, ns, "stderr")

    def pilot(self, ns, level, msg):
        """A pilot-agent line (Go, zap: microseconds, tab-separated)."""
        stamp = ns_dt(ns).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        self.raw("%s\t%s\t%s" % (stamp, level, msg), ns, "stdout")

    def dump(self, ns, logger, path, label, item, tid=23, head=None, cut=None, lines=None,
             blank=True, source=True, check=True):
        """Write `label` + the DebugString of `item` (a Source or Built).
        head: a fixed first-line prefix instead of the layout's (libprotobuf).
        cut: keep only this many characters of the message (label included).
        lines: replacement text lines (damage), used as they are."""
        if head is None:
            head, stamp = self.layout.prefix(ns, tid, "debug", logger, path)
        else:
            stamp = None
        text = item.text
        assert text.endswith("\n")
        message_text = label + text  # DebugString ends with "\n"; the logger adds one more
        cut_end = False
        if cut is not None:
            message_text = message_text[:cut]
            cut_end = True
            body = message_text[len(label):].split("\n")
            assert body[-1].strip(), "a cut at a line end would look like a complete dump"
        elif lines is not None:
            body = lines
            cut_end = not blank
        else:
            body = text[:-1].split("\n")
        first = len(self.lines) + 1
        self.raw(head + label + body[0], ns, "stderr")
        for b in body[1:]:
            self.raw(b, ns, "stderr")
        if cut is None and blank:
            self.raw("", ns, "stderr")
        loc = Located(first, len(head) + len(label))
        obj = expect_dump(item.message, body, loc, cut_end)
        if check and cut is None and lines is None:
            same_as_source(obj, item.expected, "%s line %d" % (item.path or item.message, first))
        entry = {"line": first, "logTime": stamp,
                 "source": item.path if source else None}
        entry.update(obj)
        self.dumps.append(order(entry))
        return entry

    def headless(self, lines, item, log_time=None, blank=True):
        """A pasted fragment without its header line."""
        first = len(self.lines) + 1
        for b in lines:
            self.raw(b, None, "stderr")
        if blank:
            self.raw("", None, "stderr")
        obj = expect_dump(item.message, lines, Located(first, 0), not blank)
        entry = {"line": first, "logTime": log_time, "source": item.path}
        entry.update(obj)
        self.dumps.append(order(entry))
        return entry

    def write(self, name, compact=False):
        path = os.path.join(LOGS, name + ".log")
        write_lines(path, self.lines)
        write_expected(os.path.join(LOGS, name + ".expected.json"), self.dumps, compact)


KEY_ORDER = ["line", "logTime", "source", "message", "dictionary", "records", "findings", "partial",
             "checkResponse"]


def order(entry):
    return {k: entry[k] for k in KEY_ORDER if k in entry}


def write_lines(path, lines, eol=b"\n"):
    with open(path, "wb") as f:
        for line in lines:
            f.write((line.encode("utf-8") if isinstance(line, str) else line) + eol)


def write_expected(path, dumps, compact=False):
    with open(path, "w", encoding="utf-8") as f:
        if compact:
            f.write("[\n" + ",\n".join(json.dumps(d, ensure_ascii=False, allow_nan=False) for d in dumps)
                    + "\n]\n")
        else:
            f.write(json.dumps(dumps, ensure_ascii=False, indent=1, allow_nan=False) + "\n")
