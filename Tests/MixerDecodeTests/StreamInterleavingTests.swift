import Foundation
import Testing
@testable import MixerDecode

/// Shippers and viewers interleave the lines of many pods; each pod's dumps
/// decode exactly as if its log were alone.
@Suite(.needsProtoc) struct StreamInterleavingTests {
    /// Three pods, each logging different dumps.
    static let pods: [(pod: TestPod, files: [String])] = [
        (.details, ["report-1.1-http.bin", "check-1.1.bin"]),
        (.productpage, ["report-1.1-vm-tcp.bin", "check-response-1.1.bin", "report-1.1-productpage-outbound.bin"]),
        (.reviews, ["report-1.3-mixed.bin", "attributes-uncompressed.bin"]),
    ]

    /// Decodes `interleaved`, then checks each pod's requests against its log decoded alone.
    func expectEachPodAsAlone(_ interleaved: [String], named stream: (TestPod) -> LogStream) throws {
        let requests = FleetLogs.decode(interleaved.joined(separator: "\n") + "\n")
        var total = 0
        for (pod, files) in Self.pods {
            let alone = FleetLogs.decode(try FleetLogs.plainLog(files))
            let mine = requests.filter { $0.location.stream == stream(pod) }
            #expect(mine.count == files.count, "\(pod.name)")
            #expect(try FleetLogs.records(mine) == FleetLogs.records(alone), "\(pod.name) decodes as alone")
            total += mine.count
        }
        #expect(total == requests.count, "every request names one of the pods")
    }

    @Test func threePodsInFluentBitJSON() throws {
        let logs = try Self.pods.map { pod, files in
            FleetLogs.lines(try FleetLogs.plainLog(files)).map { ShipperShape.fluentBit($0, pod: pod) }
        }
        try expectEachPodAsAlone(FleetLogs.interleave(logs)) {
            LogStream(namespace: $0.namespace, pod: $0.name, container: $0.container, host: $0.node, stdio: "stderr")
        }
    }

    /// `kubectl logs --prefix -l app=...`: `[pod/NAME/CONTAINER] ` before every line.
    @Test func threePodsInKubectlPrefixText() throws {
        let logs = try Self.pods.map { pod, files in
            FleetLogs.lines(try FleetLogs.plainLog(files)).map { "[pod/\(pod.name)/\(pod.container)] " + $0 }
        }
        try expectEachPodAsAlone(FleetLogs.interleave(logs)) { LogStream(pod: $0.name, container: $0.container) }
    }

    /// One dump, its lines spread among 1,000 records of other streams:
    /// other pods' Envoy headers (which would end the dump in the same
    /// stream), shippers' records of every shape, metadata without text.
    @Test func oneDumpAmongAThousandUnrelatedRecords() throws {
        let dump = FleetLogs.lines(try FleetLogs.plainLog(["report-1.1-http.bin"])).map { ShipperShape.vector($0, pod: .details) }
        let unrelated = (0..<1000).map(Self.unrelatedRecord)
        var lines: [String] = []
        var next = 0
        for (index, line) in dump.enumerated() {
            lines.append(line)
            let share = (index + 1) * unrelated.count / dump.count
            lines += unrelated[next..<share]
            next = share
        }
        #expect(lines.count == dump.count + 1000)
        let requests = FleetLogs.decode(lines.joined(separator: "\n"))
        let alone = FleetLogs.decode(try FleetLogs.plainLog(["report-1.1-http.bin"]))
        try #require(requests.count == 1, "\(requests.map { $0.location.stream?.description ?? "-" })")
        #expect(try FleetLogs.records(requests) == FleetLogs.records(alone))
        #expect(requests[0].location.stream?.pod == TestPod.details.name)
    }

    static func unrelatedRecord(_ index: Int) -> String {
        let other = TestPod(name: "ratings-v1-\(index % 37)", container: index % 2 == 0 ? "istio-proxy" : "ratings")
        let envoyLine = "[2019-05-20 08:12:21.\(100 + index % 900)][24][debug][http] [external/envoy/source/common/http/conn_manager_impl.cc:243] [C\(index)][S1] new stream"
        switch index % 6 {
        case 0: return ShipperShape.vector(envoyLine, pod: other)
        case 1: return ShipperShape.fluentBit("    at io.grpc.Status.asRuntimeException(Status.java:\(index))", pod: other)
        case 2: return #"{"level":"info","time":"2019-05-20T08:12:21.000Z","msg":"started"}"#
        case 3: return ToolJSON.object([("kubernetes", ToolJSON.object([("pod_name", ToolJSON.string(other.name))])), ("stream", #""stderr""#)])
        case 4: return ShipperShape.loki("", pod: other)
        default: return ShipperShape.journald.lines("Started Session \(index) of user root.", pod: other)[0]
        }
    }

    @Test func jsonWithoutLogTextAndUnrelatedJSONYieldNoRequest() throws {
        let lines = [
            #"{"level":"info","msg":"started"}"#,
            #"{"kubernetes":{"pod_name":"details-v1","namespace_name":"default"},"stream":"stderr"}"#,
            #"{"stream": "stderr", "time": "2019-05-20T08:12:20Z"}"#,
            #"{"log": 42, "stream": "stderr"}"#,
            #"{}"#,
            #"{"log":"half a line"#,  // not JSON: read as a plain line, which holds no dump
            #"[1, 2, 3]"#,
            #"{"MESSAGE": [115, 116, 97, 114, 116], "_HOSTNAME": "vm"}"#,
        ]
        let alone = FleetLogs.decode(lines.joined(separator: "\n"))
        #expect(alone.count == 1, "only the note that the log holds no dump")
        #expect(alone.first?.message == nil && alone.first?.findings.map(\.code) == [.emptyRequest])

        // Among a real dump's lines (Fluent Bit, same pod), they change nothing.
        let dump = FleetLogs.lines(try FleetLogs.plainLog(["check-1.1.bin"])).map { ShipperShape.fluentBit($0, pod: .details) }
        let mixed = FleetLogs.interleave([dump, Array(repeating: lines, count: 40).flatMap { $0 }])
        let requests = FleetLogs.decode(mixed.joined(separator: "\n"))
        #expect(try FleetLogs.records(requests) == FleetLogs.records(FleetLogs.decode(try FleetLogs.plainLog(["check-1.1.bin"]))))
    }

    /// Damaged shipper lines of many streams, under a small stream cap: an answer, the same twice, and no crash.
    @Test func damagedFleetLogsNeverCrash() throws {
        let logs = try Self.pods.map { pod, files in
            FleetLogs.lines(try FleetLogs.plainLog(files)).map { ShipperShape.fluentBit($0, pod: pod) }
        }
        let lines = FleetLogs.interleave(logs + [FleetLogs.lines(try FleetLogs.plainLog(["check-1.1.bin"])).flatMap {
            ShipperShape.criSplit.lines($0, pod: .details)
        }])
        var generator = Fuzz.Random(state: 42)
        for _ in 0..<6 {
            var damaged = lines
            for _ in 0..<30 {
                let index = Int.random(in: 0..<damaged.count, using: &generator)
                var bytes = Array(damaged[index].utf8)
                if bytes.isEmpty { continue }
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes.removeSubrange(at...)
                case 1: bytes[at] = Array(#"{}[]":,\ P"#.utf8).randomElement(using: &generator)!
                default: damaged.remove(at: index); continue
                }
                damaged[index] = String(decoding: bytes, as: UTF8.self)
            }
            let text = damaged.joined(separator: "\n")
            // Three streams of room for four: the cap is hit again and again.
            let once = try FleetLogs.records(FleetLogs.decode(text, maxStreams: 3, chunk: 977))
            #expect(try FleetLogs.records(FleetLogs.decode(text, maxStreams: 3, chunk: 4096)) == once)
        }
    }

    /// Docker's split lines are joined per stream: another stream's entry in between changes nothing.
    @Test func splitLinesJoinPerStream() throws {
        let details = FleetLogs.lines(try FleetLogs.plainLog(["report-1.1-http.bin"])).flatMap {
            ShipperShape.dockerSplit.lines($0, pod: .details)
        }
        let other = (0..<details.count).map { index in
            ToolJSON.object([("log", ToolJSON.string("pilot-agent piece \(index) ")), ("stream", #""stdout""#), ("time", #""t""#)])
        }
        let requests = FleetLogs.decode(FleetLogs.interleave([details, other]).joined(separator: "\n"))
        try #require(requests.count == 1)
        #expect(try FleetLogs.records(requests) == FleetLogs.records(FleetLogs.decode(try FleetLogs.plainLog(["report-1.1-http.bin"]))))
        #expect(requests[0].location.stream == LogStream(stdio: "stderr"))
    }
}
