"""The logs of Istio 0.8 and 1.0 sidecars (delta batches, older layout)."""

from .dumps import src
from .envoy_lines import (access_line, GRPC, inbound_http, mixer_route, report_response,
                          route_local, SITES_OLD, stats_flush)
from .layout import at, Layout
from .log import Log


def log_08():
    log = Log(Layout("0.8"))
    s = SITES_OLD
    t = at("2018-06-12T10:24:29.813402Z")
    log.pilot(t, "info", "Epoch 0: set retry delay to 200ms, budget to 10")
    log.pilot(t + 4100000, "info", "Epoch 0 starting")
    log.raw("[2018-06-12 10:24:29.843][15][info][main] external/envoy/source/server/server.cc:184] "
            "initializing epoch 0 (hot restart version=10.200.16384.256.options=capacity=16384, "
            "num_slots=8209 hash=228984379728933363)", t + 30000000, "stderr")
    rec = [("2018-06-12T10:24:31.604123000Z", "2b4e5a0c-6a8f-9d4e-b1a5-3c8f0e2d7b61", "python-requests/2.18.4", 5, 11, 4),
           ("2018-06-12T10:24:32.117865000Z", "8d1f0c3e-27a4-9b5e-a6c2-4e9b7d3f1a08", "python-requests/2.18.4", 3, 12, 3),
           ("2018-06-12T10:24:32.950042000Z", "c3a7e9b1-5d2f-9a4c-8e6b-1f0d3c5a7e92", "curl/7.58.0", 3, 13, 3)]
    for i, (when, rid, ua, ms, conn, up) in enumerate(rec):
        ns = at(when) - 400000
        inbound_http(log, ns, conn, 10573229046311452387 - i * 7919, "/details/0", "details:9080", ua, rid,
                     tid=16, mixer=False, sites=s)
        route_local(log, ns + 120000, conn, 10573229046311452387 - i * 7919, "/details/0", "in.9080", tid=16, sites=s)
        if i == 1:
            # Check cache: Mixer's referenced attributes did not match the request.
            cc = "src/istio/mixerclient/check_cache.cc"
            log.raw("[libprotobuf ERROR %s:150] Response referenced mismatchs with request" % cc, ns + 150000, "stderr")
            log.dump(ns + 151000, None, None, "Request attributes: ", src("attributes-uncompressed"),
                     head="[libprotobuf ERROR %s:151] " % cc)
            log.raw("[libprotobuf ERROR %s:152] Referenced attributes: Absence-keys: request.headers[x-user], "
                    "Exact-keys: destination.service, request.headers[:authority], source.uid, " % cc,
                    ns + 152000, "stderr")
        access_line(log, at(when), "GET", "/details/0", 200, "-", 0, 178, ms, up, ua, rid,
                    "details:9080", "127.0.0.1:9080", "", "", "", old=True)
    ns = at("2018-06-12T10:24:33.951270Z")
    log.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", src("report-0.8-delta"), tid=16)
    mixer_route(log, ns + 210000, "Report", tid=16, sites=s, cluster="mixer_server")
    report_response(log, ns + 4210000, s, tid=16)
    stats_flush(log, at("2018-06-12T10:24:34.845113Z"), old=True)
    ns = at("2018-06-12T10:31:09.228114000Z") - 300000
    inbound_http(log, ns, 19, 2716407188812551633, "/details/0", "details:9080", "python-requests/2.18.4",
                 "d4f6a8c0-2e4a-9c6e-f0a2-1c3e5a7c9e13", tid=17, mixer=False, sites=s)
    access_line(log, ns + 4200000, "GET", "/details/0", 200, "-", 0, 178, 4, 3, "python-requests/2.18.4",
                "d4f6a8c0-2e4a-9c6e-f0a2-1c3e5a7c9e13", "details:9080", "127.0.0.1:9080", "", "", "", old=True)
    ns = at("2018-06-12T10:31:10.231907Z")
    log.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", src("report-unknown-index"), tid=17)
    report_response(log, ns + 3900000, s, tid=17)
    log.write("envoy-0.8")
    return log


def log_10():
    log = Log(Layout("1.0"))
    s = SITES_OLD
    t = at("2018-10-03T08:47:40.118346Z")
    log.pilot(t, "info", "Envoy proxy is ready")
    times = ["2018-10-03T08:47:42.958412000Z", "2018-10-03T08:47:43.611007000Z",
             "2018-10-03T08:47:44.020931000Z", "2018-10-03T08:47:45.377560000Z"]
    ids = ["6f1c2b9e-4d7a-9e3b-8c5f-2a0d4e6b8c13", "a9d3f7b1-0c5e-9f2a-b4d6-8e1c3a5f7b20",
           "e2b8c4a6-1f7d-9c3e-a5b9-0d2f4c6e8a37", "47c1e9a3-8b2d-9f6a-c0e4-5d7b9a1c3e58"]
    codes = [(200, 375, 21), (503, 91, 1204), (200, 375, 18), (200, 375, 19)]
    for i, (when, rid, (code, size, ms)) in enumerate(zip(times, ids, codes)):
        ns = at(when) - 250000
        inbound_http(log, ns, 31 + i, 8031548723940117161 + i * 104729, "/reviews/0", "reviews:9080",
                     "python-requests/2.21.0", rid, tid=95, mixer=True, sites=s)
        route_local(log, ns + 110000, 31 + i, 8031548723940117161 + i * 104729, "/reviews/0",
                    "inbound|9080||reviews.default.svc.cluster.local", tid=95, sites=s)
        access_line(log, at(when), "GET", "/reviews/0", code, "UF" if code == 503 else "-", 0, size,
                    ms, ms - 1, "python-requests/2.21.0", rid, "reviews:9080", "127.0.0.1:9080", "", "", "",
                    old=True)
    ns = at("2018-10-03T08:47:46.012538Z")
    log.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", src("report-1.0-delta"), tid=95)
    mixer_route(log, ns + 180000, "Report", tid=95, sites=s)
    report_response(log, ns + 5180000, s, tid=95)
    stats_flush(log, at("2018-10-03T08:47:49.116771Z"), old=True)
    ns = at("2018-10-03T08:47:52.440189Z")
    log.dump(ns, "grpc", "%s:%d" % (GRPC, s.send), "Sending Report request: ", src("report-duplicates-delta"), tid=96)
    report_response(log, ns + 4480000, s, tid=96)
    log.write("envoy-1.0")
    return log
