import Foundation
import Testing
@testable import MixerDecode

/// Logs are read as a stream: the result does not depend on how the bytes
/// arrive, memory does not grow with the log, and a growing file can be followed.
@Suite(.needsProtoc) struct LogStreamingTests {
    /// A 1.1 log with `count` Report dumps made by protoc from a corpus file.
    static func log(dumps count: Int) throws -> String {
        let text = try LogForms.debugString("report-1.1-http.bin")
        let one = LogForms.log(text, file: "report-1.1-http.bin", layout: LogForms.layouts[1], wrap: { $0 })
        return String(repeating: one, count: count)
    }

    @Test func chunkSizeDoesNotChangeTheResult() throws {
        let bytes = Array(try Self.log(dumps: 3).utf8)
        let whole = ndjsonOfLog(bytes, chunk: bytes.count)
        #expect(whole.split(separator: "\n").count == 9, "3 dumps of 3 records")
        for chunk in [1, 7, 4096] { #expect(ndjsonOfLog(bytes, chunk: chunk) == whole, "chunks of \(chunk)") }
    }

    @Test func aCutLastDumpIsReportedNotDropped() throws {
        let log = try Self.log(dumps: 1)
        let cut = String(log.prefix(log.count / 2))
        var requests: [ResolvedRequest] = []
        InputDecoder().decode(Array(cut.utf8), inputName: "cut") { requests.append($0) }
        #expect(requests.count == 1)
        #expect(requests[0].lostContent)
        #expect(requests[0].allFindings.contains { $0.code == .truncated && $0.position?.line != nil })
    }

    @Test func peakMemoryDoesNotGrowWithTheLog() throws {
        let small = try Self.log(dumps: 200)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mixerdecode-memory-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var peaks: [Int] = []
        for factor in [1, 8] {
            let file = directory.appendingPathComponent("\(factor).log")
            _ = FileManager.default.createFile(atPath: file.path, contents: nil)
            let handle = try FileHandle(forWritingTo: file)
            for _ in 0..<factor { handle.write(Data(small.utf8)) }
            try handle.close()
            let run = try runCommand(["-o", "ndjson", "--report-peak-memory", file.path])
            #expect(run.status == 0)
            #expect(run.stdout.split(separator: "\n").count == 600 * factor)
            let peak = run.stderr.split(separator: "\n").first { $0.hasPrefix("peak-memory-kib: ") }
            peaks.append(Int(peak?.dropFirst(17) ?? "") ?? .max)
        }
        // 8 times the input (about 3 MB against 24 MB) may not cost 8 times the memory:
        // allow 25 % plus 4 MiB of noise.
        #expect(peaks[1] <= peaks[0] + peaks[0] / 4 + 4096, "peak KiB for 1x and 8x the log: \(peaks)")
    }

    @Test func anEnormousLineIsCutAndReported() throws {
        let huge = "[2019-05-20 08:12:20.125][23][debug][grpc] [src/envoy/utils/grpc_transport.cc:45] Sending Report request: attributes { words: \""
            + String(repeating: "x", count: 4 << 20) + "\" }\n\n"
        let next = try Self.log(dumps: 1)
        let run = try runCommand(["-o", "ndjson", "--max-line-bytes", "65536", "--report-peak-memory", "-"], stdin: Array((huge + next).utf8))
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 4, "the cut dump, then the 3 records of the next one")
        #expect(lines.first?.contains("line 1 is longer than the line limit") == true)
        #expect(lines.last?.contains(#""partial""#) == false)
    }

    @Test func followReadsWhatIsAppended() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mixerdecode-follow-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("istio-proxy.log")
        let output = directory.appendingPathComponent("out.ndjson")
        _ = FileManager.default.createFile(atPath: log.path, contents: Data(try Self.log(dumps: 1).utf8))
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = productsDirectory.appendingPathComponent("mixerdecode")
        process.arguments = ["-o", "ndjson", "--follow", log.path]
        process.standardOutput = try FileHandle(forWritingTo: output)
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        func records(atLeast count: Int) -> Int {
            let deadline = Date().addingTimeInterval(20)
            var seen = 0
            repeat {
                seen = ((try? String(contentsOf: output, encoding: .utf8)) ?? "").split(separator: "\n").count
                if seen >= count { break }
                usleep(50_000)
            } while Date() < deadline
            return seen
        }
        #expect(records(atLeast: 3) == 3, "the records already there")
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        handle.write(Data(try Self.log(dumps: 1).utf8))
        try handle.close()
        #expect(records(atLeast: 6) == 6, "the records appended later")
        #expect(process.isRunning, "still following")
    }
}
