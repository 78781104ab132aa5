"""Bookinfo building blocks: pods, services and the HTTP and TCP report
records a 0.8-1.7 sidecar builds for them."""

import datetime

from .values import B, DUR, EPOCH, I, IP4, IP_MAPPED, S, SM, TS, TS_AT, Val


NS = "default"
PODS = {
    "productpage": ("productpage-v1-54b8b9f55-bx2dq", "10.244.1.15"),
    "details": ("details-v1-6764bbc7f7-2mzxl", "10.244.1.17"),
    "reviews-v1": ("reviews-v1-7f6558b974-kq6kz", "10.244.2.11"),
    "reviews-v2": ("reviews-v2-7ff5966b99-krxbb", "10.244.2.12"),
    "reviews-v3": ("reviews-v3-5df889bcff-w7n4f", "10.244.2.13"),
    "ratings-v2": ("ratings-v2-5c8c7c8f69-h2s8m", "10.244.1.21"),
    "mongodb": ("mongodb-v1-7c5d9c9b6d-8lq6b", "10.244.1.22"),
}
VM_DETAILS_IP = "10.244.3.0"


def uid(pod_key):
    return "kubernetes://%s.%s" % (PODS[pod_key][0], NS)


def ip_of(pod_key):
    return PODS[pod_key][1]


def service_attrs(svc, release):
    host = "%s.%s.svc.cluster.local" % (svc, NS)
    if release in ("0.8",):
        return {"destination.service": S(host)}
    out = {
        "destination.service.host": S(host),
        "destination.service.name": S(svc),
        "destination.service.namespace": S(NS),
        "destination.service.uid": S("istio://%s/services/%s" % (NS, svc)),
    }
    if release == "1.0":
        out["destination.service"] = S(host)
    return out


def http_date(ts_val):
    s, _ = ts_val.v
    dt = EPOCH + datetime.timedelta(seconds=s)
    return dt.strftime("%a, %d %b %Y %H:%M:%S GMT")


def http_record(release, reporter, src, dst, svc, path, t, duration, request_id, trace,
                code=200, resp_size=178, ua="python-requests/2.21.0", port=9080,
                dst_ip=None, src_uid=True, method="GET", extra=None):
    """One HTTP report record as a 0.8-1.7 sidecar builds it.
    reporter: 'inbound' (sidecar of dst) or 'outbound' (sidecar of src).
    The attributes are added in the order the proxy visits them (which
    fixes the order of the message words), so the steps keep that order."""
    req_time = TS(t) if isinstance(t, str) else Val("timestamp", t)
    dur = DUR(duration)
    total = dur.v[0] * 10**9 + dur.v[1]
    resp_time = TS_AT(req_time.v, total)
    authority = "%s:%d" % (svc, port)
    rec = {}
    add_http_context(rec, release, reporter, src, dst)
    if dst_ip is None:
        dst_ip = IP_MAPPED(ip_of(dst)) if reporter == "inbound" else IP4(ip_of(dst))
    rec["destination.ip"] = dst_ip
    rec["destination.port"] = I(port)
    rec.update(service_attrs(svc, release))
    rec["destination.uid"] = S(uid(dst))
    if reporter == "inbound":
        rec["origin.ip"] = IP4(ip_of(src))
    headers = request_headers(authority, method, path, ua, trace, request_id)
    add_http_request(rec, release, headers, authority, request_id, method, path, req_time, ua)
    rec["response.code"] = I(code)
    rec["response.duration"] = dur
    rec["response.headers"] = SM(response_headers(code, resp_size, resp_time, total))
    rec["response.size"] = I(resp_size)
    rec["response.time"] = resp_time
    rec["response.total_size"] = I(resp_size + 165)
    if src_uid:
        rec["source.uid"] = S(uid(src))
    if extra:
        rec.update(extra)
    return rec


def add_http_context(rec, release, reporter, src, dst):
    """connection.* and context.* of an HTTP record (what each release sends)."""
    if release not in ("0.8",):
        rec["connection.mtls"] = B(False)
    rec["context.protocol"] = S("http")
    if release not in ("0.8", "1.0"):
        rec["context.proxy_error_code"] = S("-")
        rec["context.reporter.kind"] = S(reporter)
        rec["context.reporter.uid"] = S(uid(dst if reporter == "inbound" else src))
    if release in ("1.3",):
        rec["context.proxy_version"] = S("1.3.5")


def add_http_request(rec, release, headers, authority, request_id, method, path, req_time, ua):
    rec["request.headers"] = SM(headers)
    rec["request.host"] = S(authority)
    rec["request.id"] = S(request_id)
    rec["request.method"] = S(method)
    rec["request.path"] = S(path)
    rec["request.scheme"] = S("http")
    rec["request.size"] = I(0)
    rec["request.time"] = req_time
    rec["request.total_size"] = I(248 + len(path) + len(ua))
    if release not in ("0.8", "1.0"):
        rec["request.url_path"] = S(path.split("?")[0])
    rec["request.useragent"] = S(ua)


def request_headers(authority, method, path, ua, trace, request_id):
    traceid, spanid, parent = trace
    return [
        (":authority", authority),
        (":method", method),
        (":path", path),
        ("accept", "*/*"),
        ("accept-encoding", "gzip, deflate"),
        ("user-agent", ua),
        ("x-b3-parentspanid", parent),
        ("x-b3-sampled", "1"),
        ("x-b3-spanid", spanid),
        ("x-b3-traceid", traceid),
        ("x-forwarded-proto", "http"),
        ("x-request-id", request_id),
    ]


def response_headers(code, resp_size, resp_time, total_nanos):
    service_ms = max(1, total_nanos // 10**6)
    return [
        (":status", str(code)),
        ("content-length", str(resp_size)),
        ("content-type", "application/json"),
        ("date", http_date(resp_time)),
        ("server", "istio-envoy"),
        ("x-envoy-upstream-service-time", str(service_ms)),
    ]


def tcp_record(release, reporter, event, conn_id, t, received, sent, received_total, sent_total,
               src_ip, dst_ip, port, svc, dst_uid=None, src_uid=None, reporter_uid=None,
               duration=None):
    """One TCP report record (connection open / close) of a 1.1+ sidecar."""
    rec = {}
    rec["connection.event"] = S(event)
    rec["connection.id"] = S(conn_id)
    rec["connection.mtls"] = B(False)
    rec["connection.received.bytes"] = I(received)
    rec["connection.received.bytes_total"] = I(received_total)
    rec["connection.sent.bytes"] = I(sent)
    rec["connection.sent.bytes_total"] = I(sent_total)
    if duration is not None:
        rec["connection.duration"] = DUR(duration)
    rec["context.protocol"] = S("tcp")
    rec["context.reporter.kind"] = S(reporter)
    if reporter_uid:
        rec["context.reporter.uid"] = S(reporter_uid)
    if release == "1.3":
        rec["context.proxy_version"] = S("1.3.5")
    rec["context.time"] = TS(t)
    rec["destination.ip"] = dst_ip
    rec["destination.port"] = I(port)
    rec.update(service_attrs(svc, release))
    if dst_uid:
        rec["destination.uid"] = S(dst_uid)
    rec["origin.ip"] = src_ip
    rec["source.ip"] = src_ip
    if src_uid:
        rec["source.uid"] = S(src_uid)
    return rec


TRACE_A = ("5e4f1e4c2fd0e0a1", "9c1f6bb3e7d2a4c8", "5e4f1e4c2fd0e0a1")
TRACE_B = ("0f0f8a3bd1c2e4b7", "d2a4c85e4f1e4c2f", "0f0f8a3bd1c2e4b7")
TRACE_C = ("7a3c9e1d5b2f4a68", "3b2f4a687a3c9e1d", "7a3c9e1d5b2f4a68")
TRACE_D = ("c81e728d9d4c2f63", "6f4922f45568161a", "c81e728d9d4c2f63")
