import Foundation
import Testing
@testable import MixerDecode

/// Whatever shipped the log (Docker, Fluent Bit, Vector, Loki, journald, a
/// CRI runtime), the dumps in it decode to the records of the same dumps in
/// a plain Envoy log, field for field, and each request names its stream.
@Suite(.needsProtoc) struct FleetLogShapeTests {
    /// Reports, a Check, a CheckResponse and the uncompressed attributes
    /// (whose `[libprotobuf ERROR ...]` header carries no time).
    static let files = [
        "report-1.1-http.bin", "check-1.1.bin", "check-response-1.1.bin", "attributes-uncompressed.bin", "report-1.1-vm-tcp.bin",
    ]

    @Test(arguments: ShipperShape.allCases)
    func eachShapeDecodesLikeThePlainLog(_ shape: ShipperShape) throws {
        // journald carries a VM's sidecar: Envoy 1.6's tab-separated lines.
        let layout = shape == .journald ? LogForms.layouts[3] : LogForms.layouts[1]
        let plain = try FleetLogs.plainLog(Self.files, layout: layout)
        let alone = FleetLogs.decode(plain)
        let pod = TestPod.details
        let shipped = FleetLogs.lines(plain).flatMap { shape.lines($0, pod: pod) }.joined(separator: "\n") + "\n"
        let requests = FleetLogs.decode(shipped)

        try #require(requests.count == alone.count, "\(shape): \(requests.count) requests, alone \(alone.count)")
        #expect(requests.count == Self.files.count)
        #expect(try FleetLogs.records(requests) == FleetLogs.records(alone), "\(shape)")
        for request in requests {
            #expect(request.location.stream == shape.expectedStream(for: pod), "\(shape): the stream is named")
        }
        let physicalLines = shipped.split(separator: "\n").count
        #expect(requests.allSatisfy { ($0.location.position?.line ?? 0) >= 1 && ($0.location.position?.line ?? 0) <= physicalLines },
                "lines are physical lines of the input")
    }

    /// Envoy's own header time wins; a dump whose header has none takes the shipper's.
    @Test(arguments: ShipperShape.allCases)
    func theShippersTimeIsKeptWhenEnvoysHeaderHasNone(_ shape: ShipperShape) throws {
        let layout = shape == .journald ? LogForms.layouts[3] : LogForms.layouts[1]
        let plain = try FleetLogs.plainLog(["report-1.1-http.bin", "attributes-uncompressed.bin"], layout: layout)
        let shipped = FleetLogs.lines(plain).flatMap { shape.lines($0, pod: .details) }.joined(separator: "\n")
        let requests = FleetLogs.decode(shipped)
        try #require(requests.count == 2)
        let envoyTime = shape == .journald ? "2020-06-29T21:28:00.395123Z" : "2019-05-20 08:12:20.125"
        #expect(requests[0].location.logTime == envoyTime)
        // Computed by Foundation from the shipper's own field, not by the decoder's code.
        let expected: String
        if shape == .journald {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            expected = formatter.string(from: Date(timeIntervalSince1970: Double(ShipperShape.journalMicroseconds)! / 1_000_000))
        } else {
            expected = ShipperShape.time
        }
        #expect(requests[1].location.logTime == expected, "\(shape)")
    }

    /// The NDJSON names the stream with only what the log said, and text output shows it in the header.
    @Test func outputNamesTheStream() throws {
        let plain = try FleetLogs.plainLog(["report-1.1-vm-tcp.bin"])
        let shipped = FleetLogs.lines(plain).map { ShipperShape.fluentBit($0, pod: .reviews) }.joined(separator: "\n")
        let requests = FleetLogs.decode(shipped)
        try #require(requests.count == 1)
        let object = try #require(try Corpus.objects(requests[0]).first)
        let stream = try #require(object["stream"] as? [String: String])
        #expect(stream == ["namespace": "bookinfo", "pod": "reviews-v2-7f9c4d8b5-k2x9p", "container": "istio-proxy",
                           "host": "node-2", "stdio": "stderr"])
        let header = TextRenderer().render(requests[0]).prefix { $0 != "\n" }
        #expect(header.hasSuffix(" · stream bookinfo/reviews-v2-7f9c4d8b5-k2x9p/istio-proxy (stderr)"), "\(header)")

        let plainObject = try #require(try Corpus.objects(FleetLogs.decode(plain)[0]).first)
        #expect(plainObject["stream"] == nil, "a log that names no stream has no stream key")
    }

    /// README's example (Scripts/corpus/generate_fleet.py): each pod's requests are its dumps', as if alone.
    @Test func theFleetExampleDecodesPodByPod() throws {
        let requests = try Corpus.decode("Corpus/logs/fleet/fluent-bit.log")
        #expect(requests.count == 4)
        for (pod, files) in [
            (TestPod.productpage, ["report-1.1-productpage-outbound.bin"]),
            (TestPod.details, ["check-1.1.bin", "check-response-1.1.bin", "report-1.1-healthy-http.bin"]),
        ] {
            let mine = requests.filter { $0.location.stream?.pod == pod.name }
            #expect(try FleetLogs.records(mine) == FleetLogs.records(FleetLogs.decode(try FleetLogs.plainLog(files))), "\(pod.name)")
        }
    }

    /// Loki keeps every label of the stream.
    @Test func lokiLabelsAreKept() throws {
        let plain = try FleetLogs.plainLog(["report-1.1-vm-tcp.bin"])
        let shipped = FleetLogs.lines(plain).map { ShipperShape.loki($0, pod: .details) }.joined(separator: "\n")
        let object = try #require(try Corpus.objects(FleetLogs.decode(shipped)[0]).first)
        let stream = try #require(object["stream"] as? [String: Any])
        let labels = try #require(stream["labels"] as? [String: String])
        #expect(labels == Dictionary(uniqueKeysWithValues: ShipperShape.lokiLabels(.details)))
        #expect(stream["pod"] as? String == TestPod.details.name)
    }
}
