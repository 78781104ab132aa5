"""Scenarios of ordinary traffic, one per release and shape: delta batches
(0.8, 1.0), INDEPENDENT batches (1.1, 1.3), the VM scenario's TCP batches,
the no-findings control and a Check."""

from .bookinfo import (http_record, ip_of, tcp_record, TRACE_A, TRACE_B, TRACE_C, TRACE_D, uid,
                       VM_DETAILS_IP)
from .compress import make_check, make_report
from .expectations import ABSENT
from .values import IP4, IP_MAPPED, S


def scenario_report_08_delta():
    recs = [
        http_record("0.8", "inbound", "productpage", "details", "details", "/details/0",
                    "2018-06-12T10:24:31.604123000Z", "0.004621s",
                    "2b4e5a0c-6a8f-9d4e-b1a5-3c8f0e2d7b61", TRACE_A),
        http_record("0.8", "inbound", "productpage", "details", "details", "/details/0",
                    "2018-06-12T10:24:32.117865000Z", "0.003187s",
                    "8d1f0c3e-27a4-9b5e-a6c2-4e9b7d3f1a08", TRACE_B),
        http_record("0.8", "inbound", "productpage", "details", "details", "/details/0",
                    "2018-06-12T10:24:32.950042000Z", "0.003187s",
                    "c3a7e9b1-5d2f-9a4c-8e6b-1f0d3c5a7e92", TRACE_C, ua="curl/7.58.0"),
    ]
    return make_report(
        "report-0.8-delta", 178, recs, None,
        description="Istio 0.8 details sidecar, inbound HTTP, delta batch (field 4 absent): "
                    "record 0 full, records 1-2 carry only what changed.",
        checks=[(2, "request.useragent", "curl/7.58.0"),
                (2, "response.duration", "0.003187s"),
                (0, "destination.ip", "10.244.1.17")])


def scenario_report_10_delta():
    base = dict(release="1.0", reporter="inbound", src="productpage", dst="reviews-v3", svc="reviews")
    r0 = http_record(path="/reviews/0", t="2018-10-03T08:47:42.958412000Z", duration="0.021408s",
                     request_id="6f1c2b9e-4d7a-9e3b-8c5f-2a0d4e6b8c13", trace=TRACE_A, resp_size=375, **base)
    r1 = http_record(path="/reviews/0", t="2018-10-03T08:47:43.611007000Z", duration="1.204377s",
                     request_id="a9d3f7b1-0c5e-9f2a-b4d6-8e1c3a5f7b20", trace=TRACE_B, code=503,
                     resp_size=91, **base)
    # The type of response.code changes to STRING in record 2 (the overlay
    # replaces across types) and back to INT64 in record 3.
    r2 = dict(r1)
    r2.update(http_record(path="/reviews/0", t="2018-10-03T08:47:44.020931000Z", duration="0.018842s",
                          request_id="e2b8c4a6-1f7d-9c3e-a5b9-0d2f4c6e8a37", trace=TRACE_C,
                          resp_size=375, **base))
    r2["response.code"] = S("200")
    r3 = http_record(path="/reviews/0", t="2018-10-03T08:47:45.377560000Z", duration="0.019993s",
                     request_id="47c1e9a3-8b2d-9f6a-c0e4-5d7b9a1c3e58", trace=TRACE_D, resp_size=375, **base)
    return make_report(
        "report-1.0-delta", 203, [r0, r1, r2, r3], None,
        description="Istio 1.0 reviews-v3 sidecar, inbound HTTP, delta batch (field 4 absent): "
                    "deltas change response.code and response.duration; record 2 sends "
                    "response.code as a STRING, record 3 as INT64 again.",
        checks=[(1, "response.code", 503), (2, "response.code", "200"), (3, "response.code", 200),
                (1, "response.duration", "1.204377s"), (3, "response.duration", "0.019993s")])


def scenario_report_11_http():
    recs = [
        http_record("1.1", "inbound", "productpage", "productpage", "productpage", "/productpage",
                    "2019-05-20T08:12:20.125365976Z", "0.061722s",
                    "1c7e5a3f-9b2d-9e4c-a8f6-3d0b5e7c9a14", TRACE_A, resp_size=5183,
                    ua="Mozilla/5.0 (X11; Linux x86_64; rv:66.0) Gecko/20100101 Firefox/66.0",
                    src_uid=False,
                    extra={"source.uid": S("kubernetes://istio-ingressgateway-6f6c8c4d8c-9zq7x.istio-system"),
                           "origin.ip": IP4("10.244.0.7")}),
        http_record("1.1", "outbound", "productpage", "details", "details", "/details/0",
                    "2019-05-20T08:12:20.131047512Z", "0.003391876s",
                    "1c7e5a3f-9b2d-9e4c-a8f6-3d0b5e7c9a14", TRACE_B),
        http_record("1.1", "outbound", "productpage", "reviews-v2", "reviews", "/reviews/0",
                    "2019-05-20T08:12:20.136201377Z", "0.044519s",
                    "1c7e5a3f-9b2d-9e4c-a8f6-3d0b5e7c9a14", TRACE_C, resp_size=375),
    ]
    return make_report(
        "report-1.1-http", 221, recs, 1,
        description="Istio 1.1 productpage sidecar, INDEPENDENT: inbound GET /productpage from the "
                    "ingress gateway, outbound GET /details/0 and /reviews/0.",
        checks=[(0, "context.reporter.kind", "inbound"), (1, "context.reporter.kind", "outbound"),
                (1, "response.duration", "0.003391876s"), (0, "request.time", "2019-05-20T08:12:20.125365976Z"),
                (1, "destination.ip", "10.244.1.17"), (0, "destination.ip", "10.244.1.15")])


def scenario_report_13_mixed():
    conn1 = "4d9c2e7a-3b1f-4e8d-a6c5-0f2b7d9e1a34-117"
    conn2 = "4d9c2e7a-3b1f-4e8d-a6c5-0f2b7d9e1a34-118"
    mongo = dict(release="1.3", reporter="outbound", port=27017, svc="mongodb",
                 src_ip=IP4(ip_of("ratings-v2")), dst_ip=IP4(ip_of("mongodb")),
                 dst_uid=uid("mongodb"), src_uid=uid("ratings-v2"), reporter_uid=uid("ratings-v2"))
    recs = [
        http_record("1.3", "inbound", "reviews-v2", "ratings-v2", "ratings", "/ratings/0",
                    "2019-10-14T13:40:07.410983120Z", "0.006805s",
                    "93e1c5a7-2d4f-9b6e-80a2-c4e6a8b0d2f5", TRACE_A, resp_size=48,
                    ua="Apache-CXF/3.1.18"),
        tcp_record(event="open", conn_id=conn1, t="2019-10-14T13:40:07.412044000Z",
                   received=0, sent=0, received_total=0, sent_total=0, **mongo),
        tcp_record(event="close", conn_id=conn1, t="2019-10-14T13:40:07.415800000Z",
                   received=291, sent=204, received_total=291, sent_total=204,
                   duration="0.003756s", **mongo),
        http_record("1.3", "inbound", "reviews-v2", "ratings-v2", "ratings", "/ratings/0",
                    "2019-10-14T13:40:08.001517804Z", "0.005113s",
                    "b5f7d9e1-4a6c-9d8f-a2b4-e6f8a0c2e4a7", TRACE_B, resp_size=48,
                    ua="Apache-CXF/3.1.18"),
        tcp_record(event="open", conn_id=conn2, t="2019-10-14T13:40:08.002630000Z",
                   received=0, sent=0, received_total=0, sent_total=0, **mongo),
    ]
    return make_report(
        "report-1.3-mixed", 222, recs, 1,
        description="Istio 1.3 ratings-v2 sidecar, INDEPENDENT: inbound HTTP from reviews-v2 and "
                    "outbound TCP to mongodb (connection open/close).",
        checks=[(1, "connection.event", "open"), (2, "connection.event", "close"),
                (2, "connection.received.bytes", 291), (2, "connection.mtls", False),
                (2, "connection.duration", "0.003756s"), (0, "context.proxy_version", "1.3.5"),
                (1, "request.path", ABSENT)])


def vm_tcp_records():
    conn_in = "0c8e4a62-71d3-4f5b-9e2a-6b8d0f1c3e57-3"
    conn_out = "5a7c9e1b-3d5f-4a8c-b0e2-4f6a8c0e2b49-29"
    vm = dict(release="1.1", port=9080, svc="details", src_ip=IP4(ip_of("productpage")))
    inbound = dict(reporter="inbound", dst_ip=IP_MAPPED(VM_DETAILS_IP), **vm)
    outbound = dict(reporter="outbound", dst_ip=IP4(VM_DETAILS_IP), src_uid=uid("productpage"),
                    reporter_uid=uid("productpage"), **vm)
    return [
        tcp_record(event="open", conn_id=conn_in, t="2019-05-20T08:12:21.300118000Z",
                   received=0, sent=0, received_total=0, sent_total=0, **inbound),
        tcp_record(event="close", conn_id=conn_in, t="2019-05-20T08:12:21.304650000Z",
                   received=312, sent=358, received_total=312, sent_total=358,
                   duration="0.004532s", **inbound),
        tcp_record(event="open", conn_id=conn_out, t="2019-05-20T08:12:21.299874000Z",
                   received=0, sent=0, received_total=0, sent_total=0, **outbound),
        tcp_record(event="close", conn_id=conn_out, t="2019-05-20T08:12:21.305207000Z",
                   received=358, sent=312, received_total=358, sent_total=312,
                   duration="0.005333s", **outbound),
    ]


def scenario_report_11_vm_tcp():
    return make_report(
        "report-1.1-vm-tcp", 221, vm_tcp_records()[:2], 1,
        description="details runs on a VM registered with `istioctl register details 10.244.3.0 9080` "
                    "(port name without protocol -> Pilot builds a TCP proxy). The batch of the VM's "
                    "sidecar: inbound TCP open/close reports (context.protocol tcp, destination.ip "
                    "10.244.3.0 as 16-byte IPv4-mapped, no destination.uid, no request.*). Nothing "
                    "here feeds istio_requests_total.",
        checks=[(0, "context.protocol", "tcp"), (0, "destination.ip", "10.244.3.0"),
                (0, "destination.uid", ABSENT), (1, "request.path", ABSENT),
                (1, "destination.service.host", "details.default.svc.cluster.local"),
                (1, "connection.sent.bytes", 358)])


def scenario_productpage_outbound():
    reviews = http_record("1.1", "outbound", "productpage", "reviews-v1", "reviews", "/reviews/0",
                          "2019-05-20T08:12:21.310442871Z", "0.027164s",
                          "f3b5d7e9-6c8a-9e0b-a4c6-1a3c5e7a9c16", TRACE_D, resp_size=295)
    return make_report(
        "report-1.1-productpage-outbound", 221, vm_tcp_records()[2:] + [reviews], 1,
        description="The batch of productpage's sidecar in the same VM scenario: outbound TCP "
                    "open/close to details on the VM (port 9080 has no protocol name, so the "
                    "outbound listener is TCP too), then a healthy outbound HTTP report to reviews-v1.",
        checks=[(0, "destination.ip", "10.244.3.0"), (0, "context.reporter.kind", "outbound"),
                (1, "source.uid", "kubernetes://productpage-v1-54b8b9f55-bx2dq.default"),
                (2, "context.protocol", "http"), (2, "destination.ip", "10.244.2.11")])


def healthy_http_records():
    return [
        http_record("1.1", "inbound", "productpage", "details", "details", "/details/0",
                    "2019-05-20T08:12:20.131592204Z", "0.002208s",
                    "1c7e5a3f-9b2d-9e4c-a8f6-3d0b5e7c9a14", TRACE_B),
        http_record("1.1", "inbound", "productpage", "details", "details", "/details/0",
                    "2019-05-20T08:12:22.702311950Z", "0.001977s",
                    "de0f6a2c-5b8e-9a1d-b3c7-9f2e4a6c8e03", TRACE_D),
    ]


def scenario_report_11_healthy():
    return make_report(
        "report-1.1-healthy-http", 221, healthy_http_records(), 1,
        description="The no-findings control: Istio 1.1 details sidecar (details as a pod, service "
                    "port named http), inbound HTTP from productpage, INDEPENDENT.",
        checks=[(0, "context.protocol", "http"), (0, "response.code", 200),
                (0, "destination.uid", "kubernetes://details-v1-6764bbc7f7-2mzxl.default")])


def scenario_check_11():
    rec = http_record("1.1", "inbound", "productpage", "details", "details", "/details/0",
                      "2019-05-20T08:12:20.131047512Z", "0s",
                      "1c7e5a3f-9b2d-9e4c-a8f6-3d0b5e7c9a14", TRACE_B)
    # A Check is sent before the response exists: drop response.* and sizes.
    rec = {n: v for n, v in rec.items()
           if not n.startswith("response.") and n not in ("request.size", "request.total_size",
                                                          "context.proxy_error_code")}
    return make_check(
        "check-1.1", 221, rec, "b2a6e0c4-8f1d-4b7a-93e5-7c1d9f3b5a26",
        [("requestcountquota.quota.istio-system", (1, True))],
        description="Istio 1.1 details sidecar: Check for inbound GET /details/0 with one quota; "
                    "non-global words in attributes.words.",
        checks=[(0, "request.path", "/details/0"), (0, "response.code", ABSENT)])
