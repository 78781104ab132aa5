"""The details sidecar's log (Istio 1.1): Check with its attributes and
response, Report attributes per request, the batch, and a 17 KB cookie."""

import hashlib

from ..compress import make_check
from ..scenarios_traffic import healthy_http_records, scenario_check_11
from ..values import S, SM, TS
from .dumps import built_attributes, built_check, src
from .envoy_lines import (access_line, CLIENT_CTX, DETAILS_INBOUND, FILTER, GRPC, inbound_http,
                          mixer_route, report_response, route_local, SITES_11, stats_flush)
from .layout import at, Layout
from .log import Log


def check_11_record():
    return scenario_check_11()["symbolic"][0]


def healthy_records():
    return healthy_http_records()


BIG_COOKIE = "session=" + "".join(
    hashlib.sha256(b"mixerdecode-cookie-%d" % i).hexdigest() for i in range(270))[:17000]


def big_cookie_check():
    rec = dict(check_11_record())
    hdrs = list(rec["request.headers"].v) + [("cookie", BIG_COOKIE), ("end-user", "jason")]
    hdrs.sort()
    rec["request.headers"] = SM(hdrs)
    rec["request.id"] = S("3e5a7c9e-1b3d-9f5a-b7c9-2d4f6a8c0e24")
    rec["request.time"] = TS("2019-05-20T08:12:23.418220118Z")
    msg = make_check("check-1.1-big-cookie", 221, rec, "c4e6a8c0-2e4a-4c6e-9a2c-8e0a2c4e6a8c",
                     [("requestcountquota.quota.istio-system", (1, True))])
    return built_check(msg)


POLICY = "outbound|9091||istio-policy.istio-system.svc.cluster.local"


def log_11(write=True):
    """The details sidecar (1.1): Check with its attributes and response,
    Report attributes per request, then the Report batch. Its lines are
    also the base of the wrapper logs (wrappers.py)."""
    log = Log(Layout("1.1"))
    s = SITES_11
    t = at("2019-05-20T08:12:19.997403Z")
    log.pilot(t, "info", "Envoy proxy is ready")
    r0, r1 = healthy_records()
    checked_request(log, s, r0)
    cached_request(log, s, r1)
    # The batch.
    ns = at("2019-05-20T08:12:22.995118Z")
    log.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", src("report-1.1-healthy-http"))
    mixer_route(log, ns + 160000, "Report", sites=s)
    report_response(log, ns + 3160000, s)
    big_cookie_request(log, s)
    stats_flush(log, at("2019-05-20T08:12:24.001873Z"))
    if write:
        log.write("envoy-1.1")
    return log


def checked_request(log, s, record):
    """Request A: check, then report."""
    ns = at("2019-05-20T08:12:20.131047512Z") - 120000
    nxt = inbound_http(log, ns, 48, 1424566402236311578, "/details/0", "details:9080",
                       "python-requests/2.21.0", "1c7e5a3f-9b2d-9e4c-a8f6-3d0b5e7c9a14", sites=s)
    attrs = built_attributes(check_11_record())
    log.dump(nxt, "filter", None, "[%s:138] Check attributes: " % CLIENT_CTX, attrs, cut=255)
    log.dump(nxt + 52000, "grpc", "%s:%d" % (GRPC, s.send), "Sending Check request: ", src("check-1.1"))
    mixer_route(log, nxt + 91000, "Check", sites=s, cluster=POLICY)
    log.dump(nxt + 2410000, "grpc", "%s:%d" % (GRPC, s.response), "Check response: ", src("check-response-1.1"))
    log.envoy(nxt + 2440000, "filter", "%s:%d" % (FILTER, s.filter), "Called Mixer::Filter : check complete OK")
    route_local(log, nxt + 2460000, 48, 1424566402236311578, "/details/0", DETAILS_INBOUND, sites=s)
    access_line(log, at("2019-05-20T08:12:20.131047512Z"), "GET", "/details/0", 200, "-", 0, 178, 2, 1,
                "python-requests/2.21.0", "1c7e5a3f-9b2d-9e4c-a8f6-3d0b5e7c9a14", "details:9080",
                "127.0.0.1:9080", DETAILS_INBOUND, "10.244.1.17:9080", "10.244.1.15:48422")
    log.dump(nxt + 4900000, "filter", None, "[%s:145] Report attributes: " % CLIENT_CTX,
             built_attributes(record), cut=255)


def cached_request(log, s, record):
    """Request B: check cache hit, report."""
    ns = at("2019-05-20T08:12:22.702311950Z") - 90000
    nxt = inbound_http(log, ns, 48, 9160349511432215903, "/details/0", "details:9080",
                       "python-requests/2.21.0", "de0f6a2c-5b8e-9a1d-b3c7-9f2e4a6c8e03", sites=s)
    log.envoy(nxt + 8000, "filter", "%s:%d" % (FILTER, s.filter), "Called Mixer::Filter : check complete OK")
    route_local(log, nxt + 21000, 48, 9160349511432215903, "/details/0", DETAILS_INBOUND, sites=s)
    access_line(log, at("2019-05-20T08:12:22.702311950Z"), "GET", "/details/0", 200, "-", 0, 178, 1, 1,
                "python-requests/2.21.0", "de0f6a2c-5b8e-9a1d-b3c7-9f2e4a6c8e03", "details:9080",
                "127.0.0.1:9080", DETAILS_INBOUND, "10.244.1.17:9080", "10.244.1.15:48422")
    log.dump(nxt + 2100000, "filter", None, "[%s:145] Report attributes: " % CLIENT_CTX,
             built_attributes(record), cut=255)


def big_cookie_request(log, s):
    """Request C: a logged-in user (end-user header, 17 KB cookie): a cache
    miss, so a Check whose dump has a line over 16 KiB."""
    ns = at("2019-05-20T08:12:23.418220118Z") - 130000
    big = big_cookie_check()
    nxt = inbound_http(log, ns, 51, 4096117348553211927, "/details/0", "details:9080",
                       "python-requests/2.21.0", "3e5a7c9e-1b3d-9f5a-b7c9-2d4f6a8c0e24", sites=s,
                       extra_headers=[("end-user", "jason"), ("cookie", BIG_COOKIE)])
    log.dump(nxt + 60000, "grpc", "%s:%d" % (GRPC, s.send), "Sending Check request: ", big, source=False)
    mixer_route(log, nxt + 99000, "Check", sites=s, cluster=POLICY)
    log.dump(nxt + 2980000, "grpc", "%s:%d" % (GRPC, s.response), "Check response: ", src("check-response-1.1"))
    log.envoy(nxt + 3010000, "filter", "%s:%d" % (FILTER, s.filter), "Called Mixer::Filter : check complete OK")
