"""generate_logs.py's main: every log under Corpus/logs in order."""

import os
import sys

from ..paths import BINARY, LOGS
from .damaged import DAMAGE, log_broken_escapes, log_cut_end, log_cut_start, log_cut_then_next
from .noisy import log_deep_nesting, log_garbage, log_many_tiny
from .release_logs_11 import log_11
from .release_logs_new import log_12, log_14, log_16, log_utf8
from .release_logs_old import log_08, log_10
from .vm_scenario import log_vm_scenario
from .wrappers import wrappers


def fresh(path):
    if os.path.isdir(path):
        for name in os.listdir(path):
            # Only generate_logs.py's files: fleet/ is generate_fleet.py's.
            if os.path.isfile(os.path.join(path, name)):
                os.remove(os.path.join(path, name))
    else:
        os.makedirs(path)


def main():
    if not os.path.exists(os.path.join(BINARY, "report-1.1-http.bin")):
        sys.exit("generate_logs.py: run generate.py first (Corpus/binary is missing)")
    fresh(LOGS)
    log_08()
    log_10()
    base = log_11()
    log_12()
    log_14()
    log_16("1.6", "envoy-1.6")
    log_16("1.7", "envoy-1.7")
    log_utf8()
    wrappers(base)
    log_cut_start()
    log_cut_end()
    log_cut_then_next()
    log_broken_escapes()
    log_garbage()
    log_deep_nesting()
    log_many_tiny()
    log_vm_scenario()
    if os.environ.get("SHOW_DAMAGE"):
        for name, items in sorted(DAMAGE.items()):
            for what, line, column in items:
                print("%s.log line %s%s: %s" % (name, line, "" if column is None else " column %d" % column, what))
    print("generate_logs.py: wrote %d logs under %s"
          % (len([n for n in os.listdir(LOGS) if n.endswith(".log")]), os.path.relpath(LOGS, os.getcwd())))
