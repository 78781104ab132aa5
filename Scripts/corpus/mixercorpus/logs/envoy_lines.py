"""Surrounding Envoy lines: the source files and call-site line numbers of
each release family, and the lines of a request around the Mixer dumps."""

from .layout import ns_dt


GRPC = "src/envoy/utils/grpc_transport.cc"
CM = "external/envoy/source/common/http/conn_manager_impl.cc"
ROUTER = "external/envoy/source/common/router/router.cc"
POOL = "external/envoy/source/common/http/http1/conn_pool.cc"
CONN = "external/envoy/source/common/network/connection_impl.cc"
FILTER = "src/envoy/http/mixer/filter.cc"
TCP = "external/envoy/source/common/tcp_proxy/tcp_proxy.cc"
CLIENT_CTX = "src/istio/control/client_context_base.cc"
HEADER_UPDATE = "src/envoy/utils/header_update.h"


class Lines:
    """Line numbers of the logging call sites, per release family."""

    def __init__(self, send, response, cm_new=207, cm_headers=495, router=270, filter_=134):
        self.send, self.response = send, response
        self.cm_new, self.cm_headers, self.router, self.filter = cm_new, cm_headers, router, filter_


def header_dump(pairs):
    return "\n".join("'%s', '%s'" % kv for kv in pairs)


def inbound_http(log, ns, conn, stream, path, authority, ua, request_id, tid=23, mixer=True, sites=None,
                 extra_headers=()):
    """The debug lines of one inbound HTTP request handled by a sidecar."""
    s = sites
    log.envoy(ns, "http", "%s:%d" % (CM, s.cm_new), "[C%d][S%d] new stream" % (conn, stream), tid)
    headers = [(":authority", authority), (":path", path), (":method", "GET"),
               ("user-agent", ua), ("accept-encoding", "gzip, deflate"), ("accept", "*/*"),
               ("x-request-id", request_id), ("x-forwarded-proto", "http")] + list(extra_headers)
    log.envoy(ns + 61000, "http", "%s:%d" % (CM, s.cm_headers),
              "[C%d][S%d] request headers complete (end_stream=true):\n%s"
              % (conn, stream, header_dump(headers)), tid)
    if mixer:
        log.envoy(ns + 74000, "filter", "%s:%d" % (FILTER, s.filter - 32),
                  "Called Mixer::Filter : decodeHeaders", tid)
    return ns + 90000


def route_local(log, ns, conn, stream, path, cluster, tid=23, sites=None):
    s = sites
    log.envoy(ns, "router", "%s:%d" % (ROUTER, s.router),
              "[C%d][S%d] cluster '%s' match for URL '%s'" % (conn, stream, cluster, path), tid)
    log.envoy(ns + 12000, "pool", "%s:%d" % (POOL, 97), "[C%d] using existing connection" % (conn + 1), tid)


def access_line(log, ns, method, path, code, flags, rx, tx, dur, upstream, ua, request_id, authority,
                upstream_host, cluster, local, peer, old=False):
    dt = ns_dt(ns)
    start = dt.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (dt.microsecond // 1000)
    if old:
        line = ('[%s] "%s %s HTTP/1.1" %d %s %d %d %d %d "-" "%s" "%s" "%s" "%s"'
                % (start, method, path, code, flags, rx, tx, dur, upstream, ua, request_id,
                   authority, upstream_host))
    else:
        line = ('[%s] "%s %s HTTP/1.1" %d %s "-" %d %d %d %d "-" "%s" "%s" "%s" "%s" %s - %s %s -'
                % (start, method, path, code, flags, rx, tx, dur, upstream, ua, request_id,
                   authority, upstream_host, cluster, local, peer))
    log.raw(line, ns, "stdout")


def report_response(log, ns, sites, tid=23):
    # An empty ReportResponse: DebugString is "", so nothing follows the
    # colon and no empty line follows (not a dump).
    log.envoy(ns, "grpc", "%s:%d" % (GRPC, sites.response), "Report response: ", tid)


def mixer_route(log, ns, what, tid=23, sites=None, cluster="outbound|9091||istio-telemetry.istio-system.svc.cluster.local"):
    log.envoy(ns, "router", "%s:%d" % (ROUTER, sites.router),
              "[C0][S%d] cluster '%s' match for URL '/istio.mixer.v1.Mixer/%s'"
              % (5523012734617783000 + ns % 997, cluster, what), tid)


def stats_flush(log, ns, old=False, tid=15):
    path = "external/envoy/source/server/server.cc:%d" % (131 if old else 143)
    log.envoy(ns, "main", path, "flushing stats", tid)


SITES_OLD = Lines(send=45, response=61, cm_new=190, cm_headers=448, router=252, filter_=126)
SITES_11 = Lines(send=45, response=61, cm_new=243, cm_headers=580, router=320, filter_=141)
SITES_16 = Lines(send=43, response=59, cm_new=254, cm_headers=649, router=425, filter_=141)

DETAILS_INBOUND = "inbound|9080|http|details.default.svc.cluster.local"
