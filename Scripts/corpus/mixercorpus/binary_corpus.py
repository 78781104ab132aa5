"""generate.py's main: every scenario into Corpus/binary, then the frames,
text renderings, examples and broken files made from them."""

import os
import shutil
import sys

from .broken import build_broken
from .check_response import scenario_check_response_11, scenario_check_response_denied
from .files import write_json
from .paths import CORPUS
from .renderings import b64_wrapped, grpc_frame, hex_plain, hex_spaced, hex_xxd_p
from .scenarios_edge import (scenario_attributes, scenario_dictionary_too_new,
                             scenario_fallback_111, scenario_odd_values, scenario_record_words,
                             scenario_unknown_index, scenario_unknown_semantics)
from .scenarios_traffic import (scenario_check_11, scenario_productpage_outbound,
                                scenario_report_08_delta, scenario_report_10_delta,
                                scenario_report_11_healthy, scenario_report_11_http,
                                scenario_report_11_vm_tcp, scenario_report_13_mixed)
from .scenarios_wire import (scenario_duplicates, scenario_duplicates_delta,
                             scenario_map_entry_order, scenario_unknown_fields)
from .writer import write_scenario


SCENARIOS = [
    scenario_report_08_delta, scenario_report_10_delta, scenario_report_11_http,
    scenario_report_13_mixed, scenario_report_11_vm_tcp, scenario_report_11_healthy,
    scenario_check_11, scenario_odd_values, scenario_fallback_111, scenario_record_words,
    scenario_unknown_index, scenario_dictionary_too_new, scenario_duplicates,
    scenario_duplicates_delta, scenario_map_entry_order, scenario_unknown_fields,
    scenario_unknown_semantics, scenario_attributes, scenario_productpage_outbound,
    scenario_check_response_11, scenario_check_response_denied,
]


def fresh_dir(path):
    if os.path.isdir(path):
        shutil.rmtree(path)
    os.makedirs(path)


def main():
    if shutil.which("protoc") is None:
        sys.exit("generate.py: protoc not found (Debian: apt-get install protobuf-compiler)")
    dirs = {d: os.path.join(CORPUS, d) for d in ("binary", "frames", "text", "broken", "examples")}
    for d in dirs.values():
        fresh_dir(d)
    sources, expected = write_scenarios(dirs["binary"])
    framed = write_frame_files(dirs, sources, expected)
    write_texts(dirs["text"], sources, expected, framed)
    build_broken(sources, dirs["broken"])
    print("generate.py: wrote %d scenarios, frames, text, examples and broken files under %s"
          % (len(SCENARIOS), os.path.relpath(CORPUS, os.getcwd())))


def write_scenarios(outdir):
    """Every scenario into Corpus/binary; returns its bytes and expected
    object by name, for the files made from them."""
    sources, expected = {}, {}
    for make in SCENARIOS:
        msg = make()
        data, obj = write_scenario(msg, outdir)
        sources[msg["name"]] = data
        expected[msg["name"]] = obj
    return sources, expected


def write_frames(path, items, sources, expected):
    """A gRPC stream of the named scenarios, with the list of their expected
    objects; returns (stream bytes, expected objects)."""
    blob = b""
    objs = []
    for name in items:
        blob += grpc_frame(sources[name])
        objs.append(expected[name])
    with open(path, "wb") as f:
        f.write(blob)
    write_json(os.path.splitext(path)[0] + ".expected.json", objs)
    return blob, objs


def write_frame_files(dirs, sources, expected):
    """Corpus/frames and the VM example; returns the two frame streams the
    text renderings reuse."""
    two = write_frames(os.path.join(dirs["frames"], "two-reports.grpc"),
                       ["report-1.1-http", "report-1.3-mixed"], sources, expected)
    rac = write_frames(os.path.join(dirs["frames"], "report-and-check.grpc"),
                       ["check-1.1", "report-1.1-healthy-http", "report-1.0-delta"], sources, expected)
    write_frames(os.path.join(dirs["examples"], "vm-details-tcp.grpc"),
                 ["report-1.1-vm-tcp", "report-1.1-productpage-outbound"], sources, expected)
    return {"two-reports": two, "report-and-check": rac}


def write_texts(outdir, sources, expected, framed):
    """Corpus/text: binaries as people paste them (base64, hex, xxd -p)."""
    two, rac = framed["two-reports"], framed["report-and-check"]
    texts = [
        ("report-1.1-vm-tcp.b64", b64_wrapped(sources["report-1.1-vm-tcp"]), expected["report-1.1-vm-tcp"]),
        ("report-0.8-delta.b64", b64_wrapped(sources["report-0.8-delta"]), expected["report-0.8-delta"]),
        ("check-1.1.hex", hex_plain(sources["check-1.1"]), expected["check-1.1"]),
        ("report-1.1-http.hex", hex_spaced(sources["report-1.1-http"]), expected["report-1.1-http"]),
        ("two-reports.b64", b64_wrapped(two[0]), two[1]),
        ("report-and-check.hex", hex_xxd_p(rac[0]), rac[1]),
    ]
    for fname, content, obj in texts:
        with open(os.path.join(outdir, fname), "w", encoding="ascii") as f:
            f.write(content)
        write_json(os.path.join(outdir, os.path.splitext(fname)[0] + ".expected.json"), obj)
