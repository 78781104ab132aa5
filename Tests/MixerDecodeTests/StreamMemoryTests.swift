import Foundation
import Testing
@testable import MixerDecode

/// Memory stays bounded however many streams a log interleaves: one dump in
/// flight per stream, at most `maxStreams` of them, and the cap is said when hit.
@Suite(.needsProtoc) struct StreamMemoryTests {
    /// `count` pods' Fluent Bit records (only the fields that name the pod),
    /// one line of each in turn, each pod logging the same Report dump: at
    /// the middle, every dump is in flight.
    static func interleavedPods(_ count: Int, file: String = "report-1.1-vm-tcp.bin") throws -> String {
        let lines = FleetLogs.lines(try FleetLogs.plainLog([file]))
        var out = ""
        for line in lines {
            for index in 0..<count {
                let kubernetes = #"{"namespace_name":"default","pod_name":"details-v1-\#(index)","container_name":"istio-proxy"}"#
                out += ToolJSON.object([("log", ToolJSON.string(line + "\n")), ("stream", #""stderr""#), ("kubernetes", kubernetes)]) + "\n"
            }
        }
        return out
    }

    /// The README states this bound: 1,000 pods with a dump in flight at
    /// once (a 25 MB Fluent Bit stream, 173,000 lines) under 64 MiB of peak
    /// memory; 37 MiB was measured with the debug build.
    @Test func aThousandStreamsWithADumpInFlightStayUnderTheBound() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mixerdecode-streams-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("fleet.log")
        try Data(try Self.interleavedPods(1000).utf8).write(to: file)
        let run = try runCommand(["--summary", "-o", "ndjson", "--report-peak-memory", file.path])
        #expect(run.status == 0, "\(run.stderr)")
        let peak = run.stderr.split(separator: "\n").first { $0.hasPrefix("peak-memory-kib: ") }
        let kib = Int(peak?.dropFirst(17) ?? "") ?? .max
        #expect(kib < 64 * 1024, "peak memory for 1,000 streams in flight: \(kib) KiB")
        // Every pod's records were read: one summary row per pod and reporter.
        #expect(run.stdout.split(separator: "\n").count == 1000)
    }

    @Test func theCapEndsTheLeastRecentlyWrittenDumpAndSaysSo() throws {
        let log = try Self.interleavedPods(3)
        var decoder = InputStreamDecoder(inputName: "fleet", settings: .init(inputKind: .log, maxStreams: 2))
        var requests: [ResolvedRequest] = []
        decoder.feed(Array(log.utf8)[...]) { requests.append($0) }
        decoder.finish { requests.append($0) }
        #expect(decoder.dumpsCutForRoom > 0)
        let capped = requests.filter { $0.findings.contains { $0.code == .limitExceeded && $0.message.contains("more than 2 streams") } }
        #expect(!capped.isEmpty)
        #expect(capped.allSatisfy { $0.findings.first { $0.code == .limitExceeded }?.fix?.contains("--max-streams") == true })
        // Nothing silently lost: every pod's dump shows up, whole or as the pieces the cap cut.
        #expect(Set(requests.compactMap { $0.location.stream?.pod }).count == 3)

        // With room for all three, no dump is cut and each reads as alone.
        let roomy = FleetLogs.decode(log, maxStreams: 3)
        #expect(roomy.count == 3)
        #expect(roomy.allSatisfy { !$0.lostContent })
    }

    @Test func theCommandReportsTheCap() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mixerdecode-cap-\(getpid()).log")
        defer { try? FileManager.default.removeItem(at: file) }
        // From a file: runCommand writes standard input whole before reading the output.
        try Data(try Self.interleavedPods(20).utf8).write(to: file)
        let run = try runCommand(["-o", "ndjson", "--max-streams", "10", file.path])
        #expect(run.status == 1, "dumps were cut")
        #expect(run.stderr.contains("more than 10 streams had one in flight at once"))
        #expect(run.stderr.contains("raise --max-streams"))
        #expect(run.stdout.contains(#""code":"limit-exceeded""#))
    }

    /// Streams with nothing in flight are dropped: after many pods' complete dumps, none is held.
    @Test func idleStreamsCostNothing() throws {
        let lines = FleetLogs.lines(try FleetLogs.plainLog(["report-1.1-vm-tcp.bin"]))
        var decoder = InputStreamDecoder(inputName: "fleet", settings: .init(inputKind: .log))
        var count = 0
        for index in 0..<200 {
            let pod = TestPod(name: "p-\(index)")
            let log = lines.map { ShipperShape.fluentBit($0, pod: pod) }.joined(separator: "\n") + "\n"
            decoder.feed(Array(log.utf8)[...]) { _ in count += 1 }
            #expect(decoder.liveStreamCount == 0, "after pod \(index)'s log")
        }
        #expect(count == 200)
    }
}
