import Foundation
import Testing
@testable import MixerDecode
import MixerDecodeSupport

/// `--jobs N` works on N threads: with fewer inputs than threads, one reads
/// and N decode, diagnose and render (`ParallelDecoding`); with as many or
/// more, each input is read and worked on whole by one thread
/// (`ParallelInputs`). Either way the output is byte for byte what one
/// thread writes, in input order, and so are the messages on standard
/// error and the exit status.
@Suite struct ParallelOutputTests {
    /// Every input of the Corpus (logs, captures, broken and crashing
    /// messages, a node's log tree) in one run.
    static let corpusInputs: [String] = {
        let root = repositoryRoot.appendingPathComponent("Corpus")
        let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
        var inputs = ["Corpus/logs/fleet"]
        for case let url as URL in walk {
            let relative = String(url.path.dropFirst(repositoryRoot.path.count + 1))
            guard !relative.hasPrefix("Corpus/logs/fleet"), !relative.hasSuffix(".expected.json"),
                  !relative.hasSuffix(".md"), !relative.hasSuffix("manifest.json"),
                  (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
            else { continue }
            inputs.append(relative)
        }
        return inputs.sorted()
    }()

    @Test(arguments: [["-o", "text"], ["-o", "ndjson"], ["-o", "json"], ["--summary"], ["-o", "ndjson", "--summary"]])
    func theWholeCorpusIsWrittenAsByOneThread(format: [String]) throws {
        #expect(Self.corpusInputs.count > 100)
        let serial = try runCommand(format + ["--jobs", "1"] + Self.corpusInputs)
        let parallel = try runCommand(format + ["--jobs", "4"] + Self.corpusInputs)
        #expect(serial.stdout.utf8.count > 2_000)
        #expect(parallel.stdout == serial.stdout)
        #expect(serial.stderr.contains("log files read under Corpus/logs/fleet"))
        #expect(parallel.stderr == serial.stderr)
        #expect(parallel.status == serial.status)
    }

    /// Inputs of many batches (`ParallelDecoding.batchRequests` requests a
    /// batch), so that several batches are in flight: a gRPC capture, its
    /// base64 text, and an Envoy log; each alone (one reader, three
    /// decoders), then all three on two threads (one input a thread).
    @Test func largeInputsAreWrittenAsByOneThread() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mixerdecode-parallel-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let frames = try ["Corpus/frames/two-reports.grpc", "Corpus/frames/report-and-check.grpc", "Corpus/examples/vm-details-tcp.grpc"]
            .map { try [UInt8](Data(contentsOf: repositoryRoot.appendingPathComponent($0))) }
            .reduce([], +)
        let capture = Array([[UInt8]](repeating: frames, count: 200).joined())
        let log = try String(contentsOf: repositoryRoot.appendingPathComponent("Corpus/logs/envoy-1.1.log"), encoding: .utf8)
        let files: [(String, [UInt8])] = [
            ("capture.grpc", capture),
            ("capture.b64", Array(Base64.encode(capture).utf8)),
            ("istio-proxy.log", Array(String(repeating: log, count: 40).utf8)),
        ]
        for (name, bytes) in files {
            try Data(bytes).write(to: directory.appendingPathComponent(name))
        }
        let paths = files.map { directory.appendingPathComponent($0.0).path }
        for format in [["-o", "ndjson"], ["-o", "text"]] {
            for path in paths {
                let serial = try runCommand(format + ["--jobs", "1", path])
                let parallel = try runCommand(format + ["--jobs", "3", path])
                // More lines than a batch has requests: at least two batches.
                #expect(serial.stdout.split(separator: "\n").count > ParallelDecoding<Int>.batchRequests)
                #expect(parallel.stdout == serial.stdout)
                #expect(parallel.status == serial.status)
            }
            let serial = try runCommand(format + ["--jobs", "1"] + paths)
            let parallel = try runCommand(format + ["--jobs", "2"] + paths)
            #expect(parallel.stdout == serial.stdout)
            #expect(parallel.status == serial.status)
        }
    }
}

/// Workers count the diagnosis by destination of their own requests, and
/// the counts are merged in input order: the same rows as adding every
/// request to one summary.
@Suite struct SummaryMergeTests {
    @Test func mergingInInputOrderIsAddingOneByOne() throws {
        var requests: [ResolvedRequest] = []
        for file in ["report-1.1-http.bin", "report-1.1-vm-tcp.bin", "report-1.1-productpage-outbound.bin", "report-1.1-http.bin"] {
            let bytes = [UInt8](try Data(contentsOf: repositoryRoot.appendingPathComponent("Corpus/binary/\(file)")))
            InputDecoder().decode(bytes, inputName: file) { requests.append($0) }
        }
        var added = ServiceSummary()
        var merged = ServiceSummary()
        for request in requests {
            added.add(request)
            var part = ServiceSummary()
            part.add(request)
            merged.merge(part)
        }
        func describe(_ summary: ServiceSummary) -> [String] {
            summary.rows.map { row in
                "\(row.destination) \(row.reporter) \(row.records) \(row.protocols.sorted { $0.key < $1.key }) "
                    + "\(row.findingCounts.map { "\($0.key)=\($0.value)" }.sorted()) \(row.topFinding?.message ?? "-") "
                    + "\(row.undeterminedRecords) \(row.metrics.sorted())"
            }
        }
        #expect(added.rows.count >= 2)
        #expect(added.rows.contains { $0.records > 1 }, "a row fed by more than one request")
        #expect(describe(merged) == describe(added))
    }
}
