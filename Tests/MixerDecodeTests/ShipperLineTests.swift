import Foundation
import Testing
@testable import MixerDecode

/// One line from a log shipper: its log text, its time and whose it is.
@Suite struct ShipperLineTests {
    func record(_ line: String) -> JSONRecord? { JSONRecord.parse(Array(line.utf8)[...]) }
    func text(_ record: JSONRecord?) -> String? { record?.text.map { String(decoding: $0, as: UTF8.self) } }

    @Test func theLogTextComesFromTheFieldEachWriterUses() {
        #expect(text(record(#"{"log":"a\n","stream":"stderr"}"#)) == "a\n", "Docker, Fluent Bit")
        #expect(text(record(#"{"message":"b","source_type":"kubernetes_logs"}"#)) == "b", "Vector")
        #expect(text(record(#"{"labels":{},"line":"c","timestamp":"t"}"#)) == "c", "Loki")
        #expect(text(record(#"{ "MESSAGE" : "d", "_HOSTNAME" : "vm" }"#)) == "d", "journald")
        #expect(text(record(#"{"level":"info","msg":"e"}"#)) == "e", "zap, logrus")
        #expect(text(record(#"{"msg":"later","log":"first"}"#)) == "first", "log is preferred whatever the order")
        #expect(text(record(#"{"MESSAGE":[115,116,97,114,116]}"#)) == "start", "journald's bytes form")
        #expect(record(#"{"stream":"stderr","time":"t"}"#)?.text == nil, "no log text")
        #expect(record(#"{"log":["not","text"]}"#)?.text == nil)
        #expect(record(#"[{"log":"x"}]"#) == nil, "not an object")
        #expect(record(#"{"log":"x"} trailing"#) == nil)
    }

    @Test func streamsAreNamedFromEachWritersMetadata() {
        func record(_ line: String) -> (stream: LogStream, text: String?)? {
            JSONRecord.parse(Array(line.utf8)[...]).map { (LogStream($0.stream), $0.text.map { String(decoding: $0, as: UTF8.self) }) }
        }
        let fluentBit = record(#"{"log":"x","stream":"stderr","kubernetes":{"pod_name":"p","namespace_name":"n","container_name":"c","host":"h","labels":{"app":"a"}}}"#)
        #expect(fluentBit?.stream == LogStream(namespace: "n", pod: "p", container: "c", host: "h", stdio: "stderr"))
        let vector = record(#"{"kubernetes":{"pod_namespace":"n","pod_name":"p","container_name":"c","pod_node_name":"h","pod_labels":{"x":"y"}},"message":"x"}"#)
        #expect(vector?.stream == LogStream(namespace: "n", pod: "p", container: "c", host: "h"))
        let loki = record(#"{"labels":{"pod_name":"p","namespace":"n","container_name":"c","job":"j"},"line":"x"}"#)
        #expect(loki?.stream.pod == "p" && loki?.stream.namespace == "n" && loki?.stream.container == "c")
        #expect(loki?.stream.labels.map(\.name) == ["container_name", "job", "namespace", "pod_name"])
        let journal = record(#"{"MESSAGE":"x","_HOSTNAME":"vm","_SYSTEMD_UNIT":"istio.service"}"#)
        #expect(journal?.stream == LogStream(host: "vm", unit: "istio.service"))
        let dockerJournald = record(#"{"MESSAGE":"x","CONTAINER_NAME":"k8s_istio-proxy_details-v1_default_8c5e_0"}"#)
        #expect(dockerJournald?.stream == LogStream(namespace: "default", pod: "details-v1", container: "istio-proxy"))
        #expect(record(#"{"level":"info","msg":"x"}"#)?.stream.isEmpty == true)
    }

    /// Times as each writer writes them; Unix times checked against Foundation's formatter.
    @Test func timesBecomeRFC3339() throws {
        #expect(record(#"{"log":"x","time":"2019-05-20T08:12:20.125365976Z"}"#)?.time == "2019-05-20T08:12:20.125365976Z")
        #expect(record(#"{"line":"x","timestamp":"2019-05-20T08:12:20.1Z"}"#)?.time == "2019-05-20T08:12:20.1Z")
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let expected = formatter.string(from: Date(timeIntervalSince1970: 1_558_340_000.125))
        #expect(record(#"{"MESSAGE":"x","__REALTIME_TIMESTAMP":"1558340000125000"}"#)?.time == expected, "journald: microseconds")
        #expect(record(#"{"log":"x","date":1558340000.125}"#)?.time == expected, "Fluent Bit's date: seconds")
        #expect(record(#"{"msg":"x","ts":1}"#)?.time == nil)
        #expect(EpochTime.rfc3339(Array("1558340000125".utf8)[...]) == expected, "milliseconds")
        #expect(EpochTime.rfc3339(Array("1558340000125000000".utf8)[...]) == expected, "nanoseconds")
        #expect(EpochTime.rfc3339(Array("1e9".utf8)[...]) == nil)
        #expect(record(#"{"log":"x","date":1.0,"time":"2019-05-20T08:12:20Z"}"#)?.time == "2019-05-20T08:12:20Z", "time is preferred")
    }

    /// Docker's 16 KiB split (no newline, a stream, no tag); CRI parsers' `logtag`/`_p`.
    @Test func whichEntriesContinueOnTheNext() {
        #expect(record(#"{"log":"half","stream":"stderr","time":"t"}"#)?.continuesOnNextEntry == true)
        #expect(record(#"{"log":"whole\n","stream":"stderr"}"#)?.continuesOnNextEntry == false)
        #expect(record(#"{"log":"no stream: a shipper that strips newlines"}"#)?.continuesOnNextEntry == false)
        #expect(record(#"{"log":"x","stream":"stderr","logtag":"P"}"#)?.continuesOnNextEntry == true)
        #expect(record(#"{"log":"x","stream":"stderr","logtag":"F"}"#)?.continuesOnNextEntry == false)
        #expect(record(#"{"log":"x","stream":"stderr","_p":"P"}"#)?.continuesOnNextEntry == true)
        #expect(record(#"{"message":"x","stream":"stderr"}"#)?.continuesOnNextEntry == false)
    }

    @Test func criLines() throws {
        let full = try #require(CRILine.parse(Array("2019-05-20T08:12:20.125365976Z stderr F [2019-05-20 08:12:20.125][23] x".utf8)[...]))
        #expect(full.stdio == "stderr" && !full.partial && String(decoding: full.time, as: UTF8.self) == "2019-05-20T08:12:20.125365976Z")
        #expect(String(decoding: full.content, as: UTF8.self) == "[2019-05-20 08:12:20.125][23] x")
        #expect(CRILine.parse(Array("2019-05-20T08:12:20.1+02:00 stdout P   key: 1".utf8)[...])?.partial == true)
        #expect(CRILine.parse(Array("2019-05-20T08:12:20.1Z stdout F:x y".utf8)[...]).map { String(decoding: $0.content, as: UTF8.self) } == "y")
        #expect(CRILine.parse(Array("2019-05-20T08:12:20.1Z stderr F".utf8)[...])?.content.isEmpty == true, "an empty line")
        for notCRI in [
            "2019-05-20T08:12:20.1Z [2019-05-20 08:12:20.125][23] kubectl --timestamps", "2020-06-29T21:28:00.395123Z\tdebug\tenvoy grpc\tx",
            "2019-05-20T08:12:20.1Z stderr X y", "2019-05-20", "2019-05-20T", "2019-05-20T08:12:20.1Z stderrF y",
        ] {
            #expect(CRILine.parse(Array(notCRI.utf8)[...]) == nil, "\(notCRI)")
        }
    }

    @Test func unwrappingNamesTheStream() {
        func unwrap(_ line: String) -> LineUnwrapper.Unwrapped { LineUnwrapper.unwrap(Array(line.utf8)[...], standard: LogStream.StandardStreams()) }
        #expect(unwrap("[pod/details-v1/istio-proxy] x").stream == LogStream(pod: "details-v1", container: "istio-proxy"))
        #expect(unwrap("[details-v1 istio-proxy] x").stream == LogStream(pod: "details-v1", container: "istio-proxy"))
        #expect(unwrap("default/details-v1[istio-proxy]: x").stream == LogStream(namespace: "default", pod: "details-v1", container: "istio-proxy"))
        #expect(unwrap("2019-05-20T08:12:20.1Z stderr P x").stream == LogStream(stdio: "stderr"))
        #expect(unwrap("  key: 131").stream == nil)
        // A Loki line holding a raw Docker line holding a kubectl prefix: each layer comes off, each adds what it names.
        let docker = #"{"log":"[pod/details-v1/istio-proxy] Sending Report request: x\n","stream":"stderr","time":"2019-05-20T08:12:20Z"}"#
        let loki = ToolJSON.object([("labels", #"{"namespace":"default","job":"j"}"#), ("line", ToolJSON.string(docker)), ("timestamp", #""2019-05-20T08:12:21Z""#)])
        let nested = unwrap(loki)
        #expect(String(decoding: nested.content, as: UTF8.self) == "Sending Report request: x")
        #expect(nested.wrapperTime?.text == "2019-05-20T08:12:20Z", "the innermost time")
        #expect(nested.stream == LogStream(namespace: "default", pod: "details-v1", container: "istio-proxy", stdio: "stderr",
                                           labels: [.init(name: "job", value: "j"), .init(name: "namespace", value: "default")]))
        #expect(!unwrap(#"{"kubernetes":{"pod_name":"p"}}"#).hasLogText, "a shipper's record without text")
        // JSON an application printed (a response body, a header map): neither text nor stream, read as it is.
        let body = #"{"headers": {"Host": "details:9080", "X-Istio-Attributes": "CkEKCnNvdXJjZS51aWQ="}}"#
        let application = unwrap(body)
        #expect(application.hasLogText && application.stream == nil && String(decoding: application.content, as: UTF8.self) == body)
    }

    @Test(.needsProtoc) func aMultiLineRecordIsReadAsItsLines() throws {
        // A shipper that merged a whole dump into one record (multi-line aggregation).
        let plain = try FleetLogs.plainLog(["check-1.1.bin"])
        let lines = FleetLogs.lines(plain)
        // The dump's lines in one record; Envoy's blank line after it, and the next line, on their own.
        let dump = lines[1..<(lines.count - 2)].joined(separator: "\n")
        let merged = [lines[0], ToolJSON.object([("message", ToolJSON.string(dump))])] + lines.suffix(2)
        let requests = FleetLogs.decode(merged.joined(separator: "\n"))
        #expect(try FleetLogs.records(requests) == FleetLogs.records(FleetLogs.decode(plain)))
    }
}

@Suite struct KubeletLogPathTests {
    @Test func podsLayout() {
        let stream = LogStream(namespace: "default", pod: "details-v1-6764bbc7f7-2mzxl", container: "istio-proxy")
        for path in [
            "/var/log/pods/default_details-v1-6764bbc7f7-2mzxl_8c5e6a3e-7b1f-11e9/istio-proxy/0.log",
            "/var/log/pods/default_details-v1-6764bbc7f7-2mzxl_8c5e6a3e-7b1f-11e9/istio-proxy/3.log.20190520-081220.gz",
            "copy/default_details-v1-6764bbc7f7-2mzxl_8c5e6a3e/istio-proxy/0.log.20190520-081220",
        ] {
            #expect(KubeletLogPath.stream(forPath: path) == stream, "\(path)")
        }
    }

    @Test func containersLayout() {
        let id = String(repeating: "0123456789abcdef", count: 4)
        #expect(KubeletLogPath.stream(forPath: "/var/log/containers/details-v1-6764bbc7f7-2mzxl_default_istio-proxy-\(id).log")
                == LogStream(namespace: "default", pod: "details-v1-6764bbc7f7-2mzxl", container: "istio-proxy"))
    }

    @Test func otherPathsNameNothing() {
        for path in ["/var/log/istio/istio.log", "0.log", "a_b/c/0.log", "x/a_b_c/d/istio.log", "/var/log/containers/a_b_c-123.log", "-"] {
            #expect(KubeletLogPath.stream(forPath: path) == nil, "\(path)")
        }
    }
}

@Suite struct LiveStreamsTests {
    @Test func theLeastRecentlyUsedStreamGoesFirst() {
        var table = LiveStreams(capacity: 2)
        let (a, b, c) = (LogStream(pod: "a"), LogStream(pod: "b"), LogStream(pod: "c"))
        let lane = StreamLane(maxDumpBytes: 1 << 20)
        #expect(table.put(a, lane) == nil)
        #expect(table.put(b, lane) == nil)
        // a is used again: b is now the least recently used.
        #expect(table.take(a) != nil)
        #expect(table.put(a, lane) == nil)
        #expect(table.put(c, lane)?.stream == b)
        #expect(table.count == 2)
        #expect(table.removeAll().map(\.stream) == [a, c])
        #expect(table.count == 0 && table.take(a) == nil)
    }
}
