import Foundation
import Testing
@testable import MixerDecode
import MixerDecodeSupport

/// gRPC captures, raw messages and their base64 and hex text are read as a
/// stream, as logs are: the result does not depend on how the bytes
/// arrive, offsets are offsets in the whole input, a frame over the size
/// limit is passed over without being held, and memory does not grow with
/// the input.
@Suite struct BinaryStreamingTests {
    /// The Corpus's binary inputs, and the base64 and hex text of each.
    static let inputs: [(name: String, bytes: [UInt8])] = {
        let files = ["frames/two-reports.grpc", "frames/report-and-check.grpc", "examples/vm-details-tcp.grpc",
                     "broken/frames-second-broken.grpc", "broken/length-past-end.bin", "broken/damage-inside-record-2.bin",
                     "binary/report-1.1-http.bin", "binary/check-1.1.bin", "binary/check-response-1.1.bin"]
        return files.flatMap { name -> [(String, [UInt8])] in
            let bytes = [UInt8]((try? Data(contentsOf: repositoryRoot.appendingPathComponent("Corpus/\(name)"))) ?? Data())
            return [(name, bytes), (name + " as base64", Array(Base64.encode(bytes).utf8)),
                    (name + " as hex", Array(HexText.encode(bytes).utf8))]
        }
    }()

    static func ndjson(_ bytes: [UInt8], chunk: Int, limits: DecodeLimits = .default) -> String {
        var decoder = InputStreamDecoder(inputName: "capture", settings: .init(limits: limits))
        var json = JSONWriter()
        let write = { (request: ResolvedRequest) in RecordJSON().writeObjects(of: request, to: &json) { $0.newline() } }
        var start = 0
        while start < bytes.count {
            decoder.feed(bytes[start..<min(start + chunk, bytes.count)], emit: write)
            start += chunk
        }
        decoder.finish(emit: write)
        return String(decoding: json.bytes, as: UTF8.self)
    }

    @Test func chunkSizeDoesNotChangeTheResult() {
        for (name, bytes) in Self.inputs {
            #expect(bytes.count > 100, "\(name) is in the Corpus")
            let whole = Self.ndjson(bytes, chunk: bytes.count)
            for chunk in [1, 5, 4096] { #expect(Self.ndjson(bytes, chunk: chunk) == whole, "\(name) in chunks of \(chunk)") }
        }
    }

    static func frame(_ message: [UInt8], flag: UInt8 = 0) -> [UInt8] {
        let length = UInt32(message.count)
        return [flag, UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)] + message
    }

    static let report = [UInt8]((try? Data(contentsOf: repositoryRoot.appendingPathComponent("Corpus/binary/report-1.1-http.bin"))) ?? Data())

    /// Offsets within a frame read apart from the rest are still offsets in
    /// the capture: a damaged third frame says where in the file.
    @Test func findingsInALaterFrameNameOffsetsInTheInput() {
        let damaged = Array(Self.report.prefix(40))
        let capture = Self.frame(Self.report) + Self.frame(Self.report) + Self.frame(damaged)
        var requests: [ResolvedRequest] = []
        var decoder = InputStreamDecoder(inputName: "capture")
        for byte in capture.indices { decoder.feed(capture[byte...byte]) { requests.append($0) } }
        decoder.finish { requests.append($0) }
        let third = 2 * (5 + Self.report.count)
        #expect(requests.map(\.location.position?.offset) == [0, 5 + Self.report.count, third])
        #expect(requests[2].range == (third + 5)..<(third + 5 + 40))
        let cut = requests[2].allFindings.first { $0.code == .truncated }
        #expect(cut != nil)
        #expect((cut?.position?.offset ?? 0) >= third + 5)
        #expect(cut?.message.contains("at byte \(cut?.position?.offset ?? -1)") == true)
    }

    /// A frame longer than --max-message-bytes is passed over (and said so),
    /// and the frame after it is decoded.
    @Test func aFrameOverTheLimitIsPassedOverNotHeld() {
        let big = Self.frame([UInt8](repeating: 0x0A, count: 5000))
        let capture = Self.frame(Self.report) + big + Self.frame(Self.report)
        let limits = DecodeLimits(maxMessageBytes: 4096)
        var requests: [ResolvedRequest] = []
        InputDecoder(limits: limits).decode(capture, inputName: "capture") { requests.append($0) }
        #expect(requests.count == 3)
        #expect(requests[0].records.count == requests[2].records.count)
        #expect(!requests[2].records.isEmpty)
        let start = 5 + Self.report.count
        #expect(requests[1].findings.map(\.code) == [.limitExceeded])
        #expect(requests[1].findings.first?.message == "message of 5000 bytes at byte \(start + 5) exceeds the 4096-byte limit; not decoded")
        #expect(requests[1].location.position?.offset == start)
    }

    /// Peak memory of `mixerdecode` on an input 1x and 8x as large.
    /// `name` keeps the tests, which run at once, out of each other's files.
    static func peaks(_ name: String, _ make: (Int) -> [UInt8], arguments: [String]) throws -> [Int] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mixerdecode-\(name)-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try [1, 8].map { factor in
            let file = directory.appendingPathComponent("\(factor).input")
            try Data(make(factor)).write(to: file)
            let run = try runCommand(arguments + ["--report-peak-memory", file.path])
            let peak = run.stderr.split(separator: "\n").first { $0.hasPrefix("peak-memory-kib: ") }
            return Int(peak?.dropFirst(17) ?? "") ?? .max
        }
    }

    /// 8 times the input (about 4 MB against 32 MB) may not cost 8 times
    /// the memory: 25 % plus 4 MiB of noise are allowed.
    @Test func peakMemoryDoesNotGrowWithACapture() throws {
        let frames = Self.frame(Self.report)
        let peaks = try Self.peaks("capture-memory", { factor in Array([[UInt8]](repeating: frames, count: 4000 * factor).joined()) },
                                   arguments: ["--summary", "--no-evaluation", "--jobs", "2"])
        #expect(peaks[1] <= peaks[0] + peaks[0] / 4 + 4096, "peak KiB for 1x and 8x the capture: \(peaks)")
    }

    /// One line of base64 text, decoded as it is read: it is not held whole,
    /// nor what it decodes to (past the message limit, it is only counted).
    @Test func peakMemoryDoesNotGrowWithABase64Line() throws {
        let peaks = try Self.peaks("base64-memory", { factor in
            Array(Base64.encode([UInt8](repeating: 0x0A, count: (3 << 19) * factor)).utf8)
        }, arguments: ["--input", "base64", "--max-message-bytes", "262144", "--summary"])
        #expect(peaks[1] <= peaks[0] + peaks[0] / 4 + 4096, "peak KiB for 1x and 8x the text: \(peaks)")
    }
}
