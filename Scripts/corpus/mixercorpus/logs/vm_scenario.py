"""The VM scenario: productpage's sidecar (kubectl logs --timestamps), then
the details VM's sidecar log as the VM writes it."""

import os

from ..paths import LOGS
from .dumps import src
from .envoy_lines import CONN, GRPC, report_response, ROUTER, SITES_11, TCP
from .layout import at, go_rfc3339nano, Layout
from .log import Log, write_expected, write_lines


def log_vm_scenario():
    """productpage's sidecar (kubectl logs --timestamps), then the details VM's
    sidecar log as the VM writes it (a VM has no kubectl logs)."""
    pp = productpage_log()
    vm = vm_log()
    lines = ["%s %s" % (go_rfc3339nano(t), line) for line, t in zip(pp.lines, pp.times)]
    dumps = [dict(d) for d in pp.dumps]
    offset = len(lines)
    lines += vm.lines
    for d in vm.dumps:
        d = dict(d)
        d["line"] += offset
        dumps.append(d)
    write_lines(os.path.join(LOGS, "vm-scenario.log"), lines)
    write_expected(os.path.join(LOGS, "vm-scenario.expected.json"), dumps)
    return offset


def productpage_log():
    """productpage's sidecar: TCP to details on the VM, HTTP to reviews, then
    its Report batch."""
    s = SITES_11
    pp = Log(Layout("1.1"))
    pp.pilot(at("2019-05-20T08:12:18.884215Z"), "info", "Envoy proxy is ready")
    ns = at("2019-05-20T08:12:21.299874Z") - 210000
    pp.envoy(ns, "filter", "%s:%d" % (TCP, 362),
             "[C73] Creating connection to cluster outbound|9080||details.default.svc.cluster.local", tid=27)
    pp.envoy(ns + 30000, "connection", "%s:%d" % (CONN, 634), "[C74] connecting to 10.244.3.0:9080", tid=27)
    pp.envoy(ns + 900000, "connection", "%s:%d" % (CONN, 517), "[C74] connected", tid=27)
    pp.envoy(at("2019-05-20T08:12:21.305207Z"), "connection", "%s:%d" % (CONN, 502), "[C74] remote close", tid=27)
    pp.raw('[2019-05-20T08:12:21.299Z] "- - -" 0 - "-" "-" 312 358 5 - "-" "-" "-" "-" "10.244.3.0:9080" '
           'outbound|9080||details.default.svc.cluster.local 10.244.1.15:51234 10.244.3.0:9080 '
           '10.244.1.15:51232 -', at("2019-05-20T08:12:21.305207Z"), "stdout")
    ns = at("2019-05-20T08:12:21.310442871Z") - 120000
    pp.envoy(ns, "router", "%s:%d" % (ROUTER, s.router),
             "[C75][S2242860191838470515] cluster 'outbound|9080|v1|reviews.default.svc.cluster.local' "
             "match for URL '/reviews/0'", tid=27)
    pp.raw('[2019-05-20T08:12:21.310Z] "GET /reviews/0 HTTP/1.1" 200 - "-" 0 295 27 26 "-" '
           '"python-requests/2.21.0" "f3b5d7e9-6c8a-9e0b-a4c6-1a3c5e7a9c16" "reviews:9080" '
           '"10.244.2.11:9080" outbound|9080|v1|reviews.default.svc.cluster.local - 10.96.214.84:9080 '
           '10.244.1.15:60216 -', at("2019-05-20T08:12:21.337607Z"), "stdout")
    ns = at("2019-05-20T08:12:22.311208Z")
    pp.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", src("report-1.1-productpage-outbound"),
            tid=27)
    pp.envoy(ns + 140000, "router", "%s:%d" % (ROUTER, s.router),
             "[C0][S4181300657221718022] cluster 'outbound|9091||istio-telemetry.istio-system.svc.cluster.local' "
             "match for URL '/istio.mixer.v1.Mixer/Report'", tid=27)
    report_response(pp, ns + 3000000, s, tid=27)
    return pp


def vm_log():
    """The details VM's sidecar: the inbound TCP connection, then its batch."""
    s = SITES_11
    vm = Log(Layout("1.1"))
    vm.raw("[2019-05-20 08:12:21.300][12][debug][filter] [%s:362] [C3] Creating connection to cluster "
           "inbound|9080||details.default.svc.cluster.local" % TCP, at("2019-05-20T08:12:21.300Z"), "stderr")
    vm.raw("[2019-05-20 08:12:21.304][12][debug][connection] [%s:502] [C3] remote close" % CONN,
           at("2019-05-20T08:12:21.304Z"), "stderr")
    ns = at("2019-05-20T08:12:22.304118Z")
    vm.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", src("report-1.1-vm-tcp"), tid=12)
    report_response(vm, ns + 2600000, s, tid=12)
    return vm
