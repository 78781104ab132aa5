"""Log writing: timestamps and how one Envoy release writes the first line
of a log message."""

import datetime

from ..values import EPOCH, parse_time


def at(text):
    """'2019-05-20T08:12:20.131047512Z' -> nanoseconds since the epoch."""
    s, n = parse_time(text)
    return s * 10**9 + n


def ns_dt(ns):
    return EPOCH + datetime.timedelta(microseconds=ns // 1000)


def go_rfc3339nano(ns):
    """Go's time.RFC3339Nano in UTC: trailing zeros of the fraction dropped."""
    dt = ns_dt(ns)
    frac = ("%09d" % (ns % 10**9)).rstrip("0")
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + ("." + frac if frac else "") + "Z"


class Layout:
    """How one Envoy release writes the first line of a log message."""

    def __init__(self, release, tid_width=0):
        self.release = release
        self.tid_width = tid_width

    def stamp(self, ns):
        dt = ns_dt(ns)
        if self.release in ("1.6", "1.7"):
            return dt.strftime("%Y-%m-%dT%H:%M:%S.") + "%06dZ" % dt.microsecond
        return dt.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (dt.microsecond // 1000)

    def prefix(self, ns, tid, level, logger, path):
        """Everything before the message text, and the logTime as written."""
        stamp = self.stamp(ns)
        if self.release in ("1.6", "1.7"):
            head = "%s\t%s\tenvoy %s\t" % (stamp, level, logger)
            if self.release == "1.6" and path:
                head += "[%s] " % path
            return head, stamp
        t = str(tid).zfill(self.tid_width) if self.tid_width else str(tid)
        head = "[%s][%s][%s][%s] " % (stamp, t, level, logger)
        if path:
            head += ("%s] " % path) if self.release in ("0.8", "1.0") else ("[%s] " % path)
        if self.release in ("1.4", "1.5"):
            head = "[Envoy (Epoch 0)] " + head
        return head, stamp
